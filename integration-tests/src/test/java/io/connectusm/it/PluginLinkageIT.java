package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin links against the Connect API of every Kafka version of the matrix: every class, field and method that
 * a class of the plugin ZIP names outside its own packages exists, with that exact descriptor, in the stock worker
 * class path of that version (over the JDK) — except the JAX-RS adapter of the namespace that version does not
 * speak, which is never loaded there. And only the two adapters name a JAX-RS type at all. A call into an API that
 * a supported version lacks (a method added later, an internal class that moved, as {@code AppInfoParser} did in
 * Kafka 4.4) fails here, per version, before any worker starts.
 */
class PluginLinkageIT {

    private static final String ADAPTERS = "io/connectusm/extension/";
    private static final String JAKARTA_ADAPTER = ADAPTERS + "JakartaConnectorChangeFilter";
    private static final String JAVAX_ADAPTER = ADAPTERS + "JavaxConnectorChangeFilter";

    static List<String> versions() {
        return KafkaRuntime.matrixVersions();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("versions")
    void everyReferenceOutsideThePluginResolvesInTheStockWorker(String version) throws Exception {
        KafkaRuntime runtime = KafkaRuntime.of(version);
        List<ClassReferences> plugin = pluginClasses();
        String foreignAdapter = runtime.jaxRsPackage().startsWith("jakarta") ? JAVAX_ADAPTER : JAKARTA_ADAPTER;
        List<String> unresolved = new ArrayList<>();
        int checked = 0;
        try (URLClassLoader worker = workerLoader(runtime)) {
            for (ClassReferences references : plugin) {
                if (references.className().startsWith(foreignAdapter)) {
                    continue;
                }
                for (String name : references.classes()) {
                    if (!name.startsWith("io/connectusm/")) {
                        checked++;
                        if (load(worker, name) == null) {
                            unresolved.add(references.className() + " -> class " + name.replace('/', '.'));
                        }
                    }
                }
                for (ClassReferences.Member member : references.members()) {
                    if (!member.owner().startsWith("io/connectusm/") && !member.owner().startsWith("[")) {
                        checked++;
                        Class<?> owner = load(worker, member.owner());
                        if (owner != null && !resolves(owner, member)) {
                            unresolved.add(references.className() + " -> " + member);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("references checked").isGreaterThan(1_000);
        assertThat(unresolved).as("references of the plugin that Kafka " + version + " cannot link").isEmpty();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("versions")
    void onlyTheAdaptersNameAJaxRsType(String version) throws IOException {
        List<String> offenders = new ArrayList<>();
        for (ClassReferences references : pluginClasses()) {
            for (String name : references.classes()) {
                boolean jakarta = name.startsWith("jakarta/ws/rs/");
                boolean javax = name.startsWith("javax/ws/rs/");
                if (jakarta && !references.className().startsWith(JAKARTA_ADAPTER)
                        || javax && !references.className().startsWith(JAVAX_ADAPTER)) {
                    offenders.add(references.className() + " -> " + name);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    private static List<ClassReferences> pluginClasses() throws IOException {
        List<ClassReferences> classes = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(System.getProperty("plugin.zip"))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.getName().endsWith(".jar")) {
                    continue;
                }
                try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(zip.readAllBytes()))) {
                    for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                        if (inner.getName().endsWith(".class")) {
                            classes.add(ClassReferences.read(jar.readAllBytes()));
                        }
                    }
                }
            }
        }
        assertThat(classes).isNotEmpty();
        return classes;
    }

    /** The worker's application class loader: its jars over the JDK's platform loader. */
    private static URLClassLoader workerLoader(KafkaRuntime runtime) {
        List<URL> urls = new ArrayList<>();
        for (String jar : runtime.classpath().split(java.io.File.pathSeparator)) {
            try {
                urls.add(Path.of(jar).toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Class<?> load(ClassLoader loader, String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Resolution as JVMS §5.4.3.3/5.4.3.4 does it: the class, its superclasses, then every superinterface. */
    private static boolean resolves(Class<?> owner, ClassReferences.Member member) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(owner);
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            if (!seen.add(type)) {
                continue;
            }
            if (declares(type, member)) {
                return true;
            }
            if (type.getSuperclass() != null) {
                todo.add(type.getSuperclass());
            }
            todo.addAll(List.of(type.getInterfaces()));
        }
        // Methods of Object are inherited by interfaces too.
        return member.method() && declares(Object.class, member);
    }

    private static boolean declares(Class<?> type, ClassReferences.Member member) {
        try {
            if (!member.method()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals(member.name()) && descriptor(field.getType()).equals(member.descriptor())) {
                        return true;
                    }
                }
                return false;
            }
            if (member.name().equals("<init>")) {
                for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                    if (descriptor(constructor.getParameterTypes(), void.class).equals(member.descriptor())) {
                        return true;
                    }
                }
                return false;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(member.name())
                        && (descriptor(method.getParameterTypes(), method.getReturnType()).equals(member.descriptor())
                        || isSignaturePolymorphic(method))) {
                    return true;
                }
            }
            return false;
        } catch (LinkageError e) {
            return false; // a member's type the worker lacks
        }
    }

    /**
     * JVMS §2.9.3: a method of {@code MethodHandle} or {@code VarHandle} with one {@code Object[]} parameter, varargs
     * and native ({@code invokeExact}, {@code VarHandle.get}, …) links with whatever descriptor the call site gives.
     */
    private static boolean isSignaturePolymorphic(Method method) {
        Class<?> owner = method.getDeclaringClass();
        return (owner == java.lang.invoke.MethodHandle.class || owner == java.lang.invoke.VarHandle.class)
                && method.isVarArgs() && java.lang.reflect.Modifier.isNative(method.getModifiers())
                && method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object[].class;
    }

    private static String descriptor(Class<?>[] parameters, Class<?> returned) {
        StringBuilder out = new StringBuilder("(");
        for (Class<?> parameter : parameters) {
            out.append(descriptor(parameter));
        }
        return out.append(')').append(descriptor(returned)).toString();
    }

    private static String descriptor(Class<?> type) {
        return type.descriptorString();
    }
}
