package dev.llmcache.storage;

import dev.llmcache.support.PostgresAvailable;
import dev.llmcache.support.PostgresTestDatabase;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/** A {@link RepositoryTest} on PostgreSQL, in a schema of its own; skipped (with the reason) without one. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresAvailable.class)
@RepositoryTest
@ContextConfiguration(initializers = PostgresTestDatabase.class)
public @interface PostgresRepositoryTest {
}
