package io.connectusm.it;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one class file links against, read from its constant pool (JVMS §4.4): the classes it names and the fields
 * and methods it calls, each with its descriptor, plus the classes those descriptors name. Just enough of the class
 * file format for a linkage check; immutable once read.
 */
final class ClassReferences {

    /** A field or method of {@code owner} (internal names, e.g. {@code org/apache/kafka/…/ConfigDef}). */
    record Member(String owner, String name, String descriptor, boolean method) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + (method ? descriptor : " " + descriptor);
        }
    }

    private static final Pattern OBJECT_TYPE = Pattern.compile("L([^;]+);");

    private final String className;
    private final Set<String> classes;
    private final List<Member> members;

    private ClassReferences(String className, Set<String> classes, List<Member> members) {
        this.className = className;
        this.classes = classes;
        this.members = members;
    }

    static ClassReferences read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tag = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag[i]);
            }
        }
        in.readUnsignedShort(); // access flags
        String self = utf8[first[in.readUnsignedShort()]];
        Set<String> classes = new LinkedHashSet<>();
        List<Member> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tag[i] == 7) {
                addType(classes, utf8[first[i]]);
            } else if (tag[i] == 9 || tag[i] == 10 || tag[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                String descriptor = utf8[second[nameAndType]];
                members.add(new Member(owner, utf8[first[nameAndType]], descriptor, tag[i] != 9));
                Matcher types = OBJECT_TYPE.matcher(descriptor);
                while (types.find()) {
                    classes.add(types.group(1));
                }
            }
        }
        return new ClassReferences(self, classes, members);
    }

    /** A class name or an array descriptor ({@code [Lx;}) as found in a Class constant. */
    private static void addType(Set<String> classes, String name) {
        if (!name.startsWith("[")) {
            classes.add(name);
            return;
        }
        Matcher type = OBJECT_TYPE.matcher(name);
        if (type.find()) {
            classes.add(type.group(1));
        }
    }

    /** This class's internal name. */
    String className() {
        return className;
    }

    /** Every class named (internal names), arrays reduced to their element class. */
    Set<String> classes() {
        return classes;
    }

    List<Member> members() {
        return members;
    }
}
