package io.connectusm.endpoint.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every test of the class once on H2 and once on PostgreSQL ("[H2]", "[PostgreSQL]"): the same tests, not
 * copies. Before each run, the class's static {@link DatabaseBound} fields (a {@code TestEndpoint}, a
 * {@code TestDatabase}) are started on a fresh database of that vendor; after it they are stopped and the database
 * dropped. The PostgreSQL run skips when no test server is there ({@link TestPostgres}), or fails under
 * {@code -Drequire.postgres=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClassTemplate
@ExtendWith(EachDatabaseProvider.class)
public @interface EachDatabase {
}
