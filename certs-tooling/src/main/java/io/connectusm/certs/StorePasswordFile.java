package io.connectusm.certs;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

/**
 * The {@code jksPassword.txt} file that holds the password of a key store, its key and its trust store, in the
 * properties format Kafka's {@code FileConfigProvider} reads: one line {@code jksPassword=<password>}. A worker
 * refers to it as {@code ${file:/path/jksPassword.txt:jksPassword}}, so the password never appears in the worker's
 * own properties file.
 *
 * <p>Passwords are 32 URL-safe Base64 characters (192 random bits): no character needs escaping in a properties
 * file, a shell or a URL. Stateless and thread-safe.
 */
public final class StorePasswordFile {
    /** The file name, as Confluent's USM documentation and deployments use it. */
    public static final String FILE_NAME = "jksPassword.txt";
    /** The properties key that holds the password. */
    public static final String KEY = "jksPassword";

    private static final int RANDOM_BYTES = 24;

    private StorePasswordFile() {
    }

    /**
     * Reads the password from a {@code jksPassword.txt}.
     *
     * @throws CertificateFileException naming the file when it is missing, unreadable, or has no password
     */
    public static char[] read(Path file) {
        // Parsed exactly as the worker's FileConfigProvider parses it (java.util.Properties), so what we read is
        // what the worker will read.
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(file, "password file " + file + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CertificateFileException(file, "cannot read password file " + file + ": " + e.getClass()
                    .getSimpleName(), e);
        }
        String password = properties.getProperty(KEY);
        if (password == null) {
            throw new CertificateFileException(file, "password file " + file + " has no " + KEY
                    + " entry (expected a line " + KEY + "=<password>)");
        }
        if (password.isEmpty()) {
            throw new CertificateFileException(file, "password file " + file + " has an empty " + KEY);
        }
        return password.toCharArray();
    }

    /** A new random password. */
    static char[] generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(bytes);
        char[] password = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            password[i] = (char) encoded[i];
        }
        Arrays.fill(bytes, (byte) 0);
        Arrays.fill(encoded, (byte) 0);
        return password;
    }

    /** The file content for {@code password}: {@code jksPassword=<password>} and a newline. */
    static byte[] encode(char[] password) {
        CharBuffer text = CharBuffer.allocate(KEY.length() + 2 + password.length);
        text.put(KEY).put('=').put(password).put('\n').flip();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(text);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(text.array(), '\0');
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
