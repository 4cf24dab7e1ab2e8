package io.connectusm.secrets.corpus;

import io.connectusm.secrets.DeclaredKeys;
import io.connectusm.secrets.MaskingOptions;
import io.connectusm.secrets.MaskingPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A corpus line's setup column: what the loaded ConfigDefs declare and the operator's options.
 *
 * @param passwordKey the case's key is declared PASSWORD-typed
 */
public record Setup(boolean passwordKey, List<String> declared, List<String> sensitive, List<String> nonsensitive,
                    boolean strict) {

    static Setup parse(String column) {
        boolean passwordKey = false;
        boolean strict = false;
        List<String> declared = new ArrayList<>();
        List<String> sensitive = new ArrayList<>();
        List<String> nonsensitive = new ArrayList<>();
        if (!column.equals("-")) {
            for (String item : column.split(";")) {
                if (item.equals("password-key")) {
                    passwordKey = true;
                } else if (item.equals("strict")) {
                    strict = true;
                } else if (item.startsWith("declared=")) {
                    declared.addAll(Arrays.asList(item.substring(9).split(",")));
                } else if (item.startsWith("sensitive=")) {
                    sensitive.addAll(Arrays.asList(item.substring(10).split(",")));
                } else if (item.startsWith("nonsensitive=")) {
                    nonsensitive.addAll(Arrays.asList(item.substring(13).split(",")));
                } else {
                    throw new IllegalArgumentException("Unknown setup item " + item);
                }
            }
        }
        return new Setup(passwordKey, List.copyOf(declared), List.copyOf(sensitive), List.copyOf(nonsensitive),
                strict);
    }

    public MaskingOptions options() {
        return MaskingOptions.builder().sensitiveKeyPatterns(sensitive).nonsensitiveKeyPatterns(nonsensitive)
                .policy(strict ? MaskingPolicy.STRICT : MaskingPolicy.DEFAULT).build();
    }

    /** The declared keys for a config holding {@code key}. */
    public DeclaredKeys declaredKeys(String key) {
        DeclaredKeys.Builder builder = DeclaredKeys.builder().declaredKeys("", declared);
        if (passwordKey) {
            builder.passwordKeys("", List.of(key));
        }
        return builder.build();
    }

    public boolean isEmpty() {
        return !passwordKey && !strict && declared.isEmpty() && sensitive.isEmpty() && nonsensitive.isEmpty();
    }
}
