package dev.llmcache.storage;

import dev.llmcache.support.SqliteTestDatabase;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/** A {@link RepositoryTest} on a fresh SQLite file. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@RepositoryTest
@ContextConfiguration(initializers = SqliteTestDatabase.class)
public @interface SqliteRepositoryTest {
}
