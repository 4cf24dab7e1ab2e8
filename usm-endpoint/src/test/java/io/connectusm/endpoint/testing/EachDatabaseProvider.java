package io.connectusm.endpoint.testing;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The two runs of an {@link EachDatabase} class, and the start and stop of its {@link DatabaseBound} fields. */
final class EachDatabaseProvider implements ClassTemplateInvocationContextProvider {

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return context.getRequiredTestClass().isAnnotationPresent(EachDatabase.class);
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(Vendor.values()).map(Run::new);
    }

    /** One run: its name, and the callbacks that move the fixtures onto its database. */
    private record Run(Vendor vendor) implements ClassTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + vendor.label() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Fixtures(vendor));
        }
    }

    /**
     * Starts the class's fixtures on the run's vendor before its tests, and stops them after; a PostgreSQL run
     * without a server fails (when required) or reports each of its tests as skipped, saying why.
     */
    private record Fixtures(Vendor vendor) implements BeforeClassTemplateInvocationCallback,
            AfterClassTemplateInvocationCallback, ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (vendor == Vendor.POSTGRESQL && !TestPostgres.available() && !TestPostgres.required()
                    && context.getTestMethod().isPresent()) {
                return ConditionEvaluationResult.disabled(TestPostgres.MISSING);
            }
            return ConditionEvaluationResult.enabled("");
        }

        @Override
        public void beforeClassTemplateInvocation(ExtensionContext context) throws Exception {
            if (vendor == Vendor.POSTGRESQL && !TestPostgres.available()) {
                if (TestPostgres.required()) {
                    TestPostgres.assumeAvailable(); // fails
                }
                return; // its tests are skipped (above)
            }
            for (DatabaseBound fixture : fixtures(context)) {
                fixture.startOn(vendor, TestDirs.create("test-databases", context.getRequiredTestClass()
                        .getSimpleName() + "-" + vendor.name().toLowerCase(Locale.ROOT)));
            }
            for (Method method : context.getRequiredTestClass().getDeclaredMethods()) {
                if (method.isAnnotationPresent(BeforeDatabaseRun.class)) {
                    method.setAccessible(true);
                    try {
                        method.invoke(null);
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
        }

        @Override
        public void afterClassTemplateInvocation(ExtensionContext context) throws Exception {
            if (vendor == Vendor.POSTGRESQL && !TestPostgres.available()) {
                return;
            }
            for (DatabaseBound fixture : fixtures(context)) {
                fixture.stop();
            }
        }

        private static List<DatabaseBound> fixtures(ExtensionContext context) throws IllegalAccessException {
            List<DatabaseBound> out = new ArrayList<>();
            for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && DatabaseBound.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    out.add((DatabaseBound) field.get(null));
                }
            }
            return out;
        }
    }
}
