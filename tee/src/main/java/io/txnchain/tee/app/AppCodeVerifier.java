package io.txnchain.tee.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Refuses enclave-app code that could make replicas disagree: reads of the clock or environment,
 * randomness, threads, files, network, reflection, and floating point. It reads the class files
 * themselves, so the rule holds for what runs, not for what the source promises.
 */
public final class AppCodeVerifier {

  /** Classes an app must not touch at all (internal names, prefix match). */
  private static final List<String> FORBIDDEN_OWNERS =
      List.of(
          "java/lang/Runtime",
          "java/lang/Thread",
          "java/lang/ProcessBuilder",
          "java/lang/ClassLoader",
          "java/lang/reflect/",
          "java/lang/invoke/MethodHandles",
          "java/util/Random",
          "java/util/random/",
          "java/util/concurrent/",
          "java/util/SplittableRandom",
          "java/security/SecureRandom",
          "java/time/Clock",
          "java/time/Instant",
          "java/time/LocalDate",
          "java/time/ZonedDateTime",
          "java/time/OffsetDateTime",
          "java/io/File",
          "java/io/FileInputStream",
          "java/io/FileOutputStream",
          "java/io/FileReader",
          "java/io/FileWriter",
          "java/io/RandomAccessFile",
          "java/nio/file/",
          "java/nio/channels/",
          "java/net/",
          "java/util/HashMap",
          "java/util/HashSet",
          "java/util/IdentityHashMap",
          "java/util/WeakHashMap");

  /** The only members of java/lang/System an app may use. */
  private static final Set<String> ALLOWED_SYSTEM_MEMBERS = Set.of("arraycopy");

  /** Individual members that are forbidden though their class is allowed. */
  private static final Map<String, Set<String>> FORBIDDEN_MEMBERS =
      Map.ofEntries(
          Map.entry("java/lang/Math", Set.of("random")),
          Map.entry("java/lang/StrictMath", Set.of("random")),
          Map.entry(
              "java/lang/Class",
              Set.of("forName", "getDeclaredMethods", "getMethods", "newInstance")),
          Map.entry("java/lang/Object", Set.of("hashCode", "wait", "notify", "notifyAll")),
          Map.entry("java/util/UUID", Set.of("randomUUID")),
          Map.entry("java/util/TimeZone", Set.of("getDefault")),
          Map.entry("java/time/ZoneId", Set.of("systemDefault")),
          // Iteration order of the immutable Set.of/Map.of collections changes between JVM runs.
          Map.entry("java/util/Set", Set.of("of", "copyOf")),
          Map.entry("java/util/Map", Set.of("of", "ofEntries", "copyOf")),
          Map.entry("java/util/Objects", Set.of("hashCode", "hash")),
          Map.entry("java/lang/Integer", Set.of("getInteger")),
          Map.entry("java/lang/Long", Set.of("getLong")),
          Map.entry("java/lang/Boolean", Set.of("getBoolean")),
          Map.entry("java/lang/String", Set.of("format")));

  /** Methods that read the default locale when called without one. */
  private static final Set<String> DEFAULT_LOCALE_CALLS =
      Set.of(
          "java/lang/String.toLowerCase()Ljava/lang/String;",
          "java/lang/String.toUpperCase()Ljava/lang/String;");

  /** Every java.time class with a {@code now()} reads the clock through it. */
  private static final String TIME_PACKAGE = "java/time/";

  private static final Set<Integer> FLOAT_CONVERSIONS =
      Set.of(
          Opcodes.I2F,
          Opcodes.I2D,
          Opcodes.L2F,
          Opcodes.L2D,
          Opcodes.F2I,
          Opcodes.F2L,
          Opcodes.F2D,
          Opcodes.D2I,
          Opcodes.D2L,
          Opcodes.D2F);

  private AppCodeVerifier() {}

  /**
   * Checks every class file of an app bundle.
   *
   * @return the violations found, one line each, empty when the bundle is acceptable
   */
  public static List<String> violations(Map<String, byte[]> classFiles) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : classFiles.entrySet()) {
      new ClassReader(e.getValue()).accept(new Checker(e.getKey(), found), 0);
    }
    return found;
  }

  private static boolean isFloating(Type type) {
    Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
    return t.getSort() == Type.FLOAT || t.getSort() == Type.DOUBLE;
  }

  private static boolean descriptorHasFloating(String descriptor) {
    Type type = Type.getType(descriptor);
    if (type.getSort() == Type.METHOD) {
      if (isFloating(type.getReturnType())) {
        return true;
      }
      for (Type arg : type.getArgumentTypes()) {
        if (isFloating(arg)) {
          return true;
        }
      }
      return false;
    }
    return isFloating(type);
  }

  private static final class Checker extends ClassVisitor {
    private final String file;
    private final List<String> found;

    Checker(String file, List<String> found) {
      super(Opcodes.ASM9);
      this.file = file;
      this.found = found;
    }

    private void report(String where, String what) {
      found.add(file + " " + where + ": " + what);
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      if (descriptorHasFloating(descriptor)) {
        report("field " + name, "floating-point type " + descriptor);
      }
      return null;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      String where = "method " + name + descriptor;
      if (descriptorHasFloating(descriptor)) {
        report(where, "floating-point signature");
      }
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitInsn(int opcode) {
          if ((opcode >= Opcodes.FCONST_0 && opcode <= Opcodes.DCONST_1)
              || (opcode >= Opcodes.FADD && opcode <= Opcodes.DNEG && isFloatOp(opcode))
              || FLOAT_CONVERSIONS.contains(opcode)
              || (opcode >= Opcodes.FCMPL && opcode <= Opcodes.DCMPG)) {
            report(where, "floating-point instruction " + opcode);
          }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
          if (opcode == Opcodes.NEWARRAY
              && (operand == Opcodes.T_FLOAT || operand == Opcodes.T_DOUBLE)) {
            report(where, "floating-point array");
          }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
          checkType(where, descriptor);
        }

        @Override
        public void visitLdcInsn(Object value) {
          if (value instanceof Float || value instanceof Double) {
            report(where, "floating-point constant");
          } else {
            checkConstant(where, value);
          }
        }

        @Override
        public void visitInvokeDynamicInsn(
            String name, String descriptor, Handle bootstrap, Object... arguments) {
          // Lambdas and method references name their target only here, as a bootstrap argument:
          // System::currentTimeMillis has no invoke instruction of its own.
          if (descriptorHasFloating(descriptor)) {
            report(where, "floating-point value through invokedynamic " + name);
          }
          checkConstant(where, bootstrap);
          for (Object argument : arguments) {
            checkConstant(where, argument);
          }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
          checkMember(where, owner, field, desc);
        }

        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          checkMember(where, owner, method, desc);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          if (type.startsWith("[")) {
            checkType(where, type);
          } else {
            checkOwner(where, type);
          }
        }
      };
    }

    /** Checks a constant-pool value: method handles, class constants, dynamic constants. */
    private void checkConstant(String where, Object value) {
      if (value instanceof Handle h) {
        checkMember(where, h.getOwner(), h.getName(), h.getDesc());
      } else if (value instanceof Type t) {
        if (t.getSort() == Type.METHOD) {
          if (descriptorHasFloating(t.getDescriptor())) {
            report(where, "floating-point method type " + t.getDescriptor());
          }
        } else {
          checkType(where, t.getDescriptor());
        }
      } else if (value instanceof ConstantDynamic c) {
        if (descriptorHasFloating(c.getDescriptor())) {
          report(where, "floating-point dynamic constant " + c.getName());
        }
        checkConstant(where, c.getBootstrapMethod());
        for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
          checkConstant(where, c.getBootstrapMethodArgument(i));
        }
      }
    }

    /** Checks a type descriptor, such as an array type: its element type is what counts. */
    private void checkType(String where, String descriptor) {
      Type type = Type.getType(descriptor);
      if (isFloating(type)) {
        report(where, "floating-point type " + descriptor);
        return;
      }
      Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
      if (element.getSort() == Type.OBJECT) {
        checkOwner(where, element.getInternalName());
      }
    }

    private static boolean isFloatOp(int opcode) {
      // Arithmetic opcodes cycle through int, long, float, double for each operation.
      return (opcode - Opcodes.IADD) % 4 >= 2;
    }

    private void checkOwner(String where, String owner) {
      for (String prefix : FORBIDDEN_OWNERS) {
        if (owner.equals(prefix) || (prefix.endsWith("/") && owner.startsWith(prefix))) {
          report(where, "uses " + owner.replace('/', '.'));
          return;
        }
      }
    }

    private void checkMember(String where, String owner, String member, String desc) {
      checkOwner(where, owner);
      if (owner.equals("java/lang/System") && !ALLOWED_SYSTEM_MEMBERS.contains(member)) {
        report(where, "uses java.lang.System." + member);
      }
      Set<String> forbidden = FORBIDDEN_MEMBERS.get(owner);
      if ((forbidden != null && forbidden.contains(member))
          || (owner.startsWith(TIME_PACKAGE) && member.equals("now"))) {
        report(where, "uses " + owner.replace('/', '.') + "." + member);
      }
      if (DEFAULT_LOCALE_CALLS.contains(owner + "." + member + desc)) {
        report(where, "uses the default locale through " + owner.replace('/', '.') + "." + member);
      }
      if (descriptorHasFloating(desc)) {
        report(where, "floating-point value through " + owner.replace('/', '.') + "." + member);
      }
    }
  }
}
