package io.connectusm.endpoint.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * In an {@link EachDatabase} class, in place of {@code @BeforeAll}: a static method run before each database's run
 * of the tests, once its fixtures have started (e.g. to fill the endpoint the tests then read).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BeforeDatabaseRun {
}
