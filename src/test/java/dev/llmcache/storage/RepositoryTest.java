package dev.llmcache.storage;

import dev.llmcache.config.CacheProperties;
import dev.llmcache.support.TestClockConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A repository slice: the server's own data sources (the SQLite writer and reader pool, or the two
 * PostgreSQL pools), Flyway's schema and the test's repositories ({@code @Import} them), without the
 * web layer. Not transactional: reads run on their own connections, as in the server, so they must
 * see committed writes. Pick the database with {@link SqliteRepositoryTest} or {@link PostgresRepositoryTest}.
 */
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({DatabaseConfiguration.class, TestClockConfiguration.class})
@EnableConfigurationProperties({CacheProperties.class, SqliteProperties.class, PostgresProperties.class})
public @interface RepositoryTest {
}
