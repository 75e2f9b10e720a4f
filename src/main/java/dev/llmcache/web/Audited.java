package dev.llmcache.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method as an ADMIN action: security logs each call on the audit log
 * ({@code dev.llmcache.audit}) with the caller, the namespace, what was asked and the outcome.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

    /** The action's name in the log, e.g. {@code clear}. */
    String value();
}
