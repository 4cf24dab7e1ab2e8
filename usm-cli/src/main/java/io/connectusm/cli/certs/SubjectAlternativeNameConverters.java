package io.connectusm.cli.certs;

import java.util.function.Function;

import io.connectusm.certs.SubjectAlternativeName;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts {@code --dns}, {@code --ip} and {@code --uri} values with the validation of certs-tooling, so a bad value
 * is reported by picocli against the option that carried it ({@code Invalid value for option '--ip' ...}).
 */
final class SubjectAlternativeNameConverters {
    private SubjectAlternativeNameConverters() {
    }

    private abstract static class Base implements ITypeConverter<SubjectAlternativeName> {
        private final Function<String, SubjectAlternativeName> factory;

        Base(Function<String, SubjectAlternativeName> factory) {
            this.factory = factory;
        }

        @Override
        public SubjectAlternativeName convert(String value) {
            try {
                return factory.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --dns}. */
    static final class Dns extends Base {
        Dns() {
            super(SubjectAlternativeName::dns);
        }
    }

    /** {@code --ip}. */
    static final class Ip extends Base {
        Ip() {
            super(SubjectAlternativeName::ip);
        }
    }

    /** {@code --uri}. */
    static final class Uri extends Base {
        Uri() {
            super(SubjectAlternativeName::uri);
        }
    }
}
