package io.txnchain.tee.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.app.fixtures.clock.ClockReader;
import io.txnchain.tee.app.fixtures.files.FileReader;
import io.txnchain.tee.app.fixtures.floats.DoubleArithmetic;
import io.txnchain.tee.app.fixtures.floats.DoubleReturner;
import io.txnchain.tee.app.fixtures.floats.FloatField;
import io.txnchain.tee.app.fixtures.good.Ledgerish;
import io.txnchain.tee.app.fixtures.hashmap.Counter;
import io.txnchain.tee.app.fixtures.methodref.ClockReference;
import io.txnchain.tee.app.fixtures.random.DiceRoller;
import io.txnchain.tee.app.fixtures.threads.Background;
import io.txnchain.tee.app.fixtures.time.TimeAndIds;
import io.txnchain.tee.app.fixtures.unordered.Unordered;
import io.txnchain.tee.measure.BundleMeasurement;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class AppCodeVerifierTest {

  private static List<String> bundle(Class<?> anchor) {
    Map<String, byte[]> classes = BundleMeasurement.classesOf(anchor);
    assertThat(classes).as("classes of %s", anchor.getPackageName()).isNotEmpty();
    return AppCodeVerifier.violations(classes);
  }

  private static List<String> single(Class<?> c) {
    String resource = c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return AppCodeVerifier.violations(Map.of(resource, in.readAllBytes()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void clockReadsAreRefused() {
    assertThat(bundle(ClockReader.class))
        .anySatisfy(v -> assertThat(v).contains("java.lang.System.currentTimeMillis"));
  }

  @Test
  void randomnessIsRefused() {
    assertThat(bundle(DiceRoller.class))
        .anySatisfy(v -> assertThat(v).contains("uses java.util.Random"));
  }

  @Test
  void floatingPointArithmeticIsRefusedEvenBehindAnIntegerSignature() {
    assertThat(single(DoubleArithmetic.class))
        .anySatisfy(v -> assertThat(v).contains("floating-point instruction " + Opcodes.L2D))
        .anySatisfy(v -> assertThat(v).contains("floating-point instruction " + Opcodes.DMUL))
        .anySatisfy(v -> assertThat(v).contains("floating-point instruction " + Opcodes.D2L))
        .allSatisfy(v -> assertThat(v).doesNotContain("signature"));
  }

  @Test
  void aFloatFieldIsRefused() {
    assertThat(single(FloatField.class))
        .containsExactly(
            "io/txnchain/tee/app/fixtures/floats/FloatField.class field ratio:"
                + " floating-point type F");
  }

  @Test
  void aMethodReturningDoubleIsRefused() {
    assertThat(single(DoubleReturner.class))
        .containsExactly(
            "io/txnchain/tee/app/fixtures/floats/DoubleReturner.class method average([J)D:"
                + " floating-point signature");
  }

  @Test
  void theFloatsBundleReportsEveryClass() {
    assertThat(bundle(FloatField.class))
        .anySatisfy(v -> assertThat(v).startsWith("io/txnchain/tee/app/fixtures/floats/Double"))
        .anySatisfy(v -> assertThat(v).startsWith("io/txnchain/tee/app/fixtures/floats/FloatF"))
        .anySatisfy(v -> assertThat(v).contains("DoubleReturner.class"))
        .anySatisfy(v -> assertThat(v).contains("DoubleArithmetic.class"));
  }

  @Test
  void filesAreRefused() {
    assertThat(bundle(FileReader.class))
        .anySatisfy(v -> assertThat(v).contains("uses java.io.File"));
  }

  @Test
  void hashMapIsRefused() {
    assertThat(bundle(Counter.class))
        .anySatisfy(v -> assertThat(v).contains("uses java.util.HashMap"));
  }

  @Test
  void unorderedCollectionsAndTheDefaultLocaleAreRefused() {
    assertThat(bundle(Unordered.class))
        .anySatisfy(v -> assertThat(v).contains("uses java.util.Set.of"))
        .anySatisfy(v -> assertThat(v).contains("default locale"));
  }

  @Test
  void threadsAreRefused() {
    assertThat(bundle(Background.class))
        .anySatisfy(v -> assertThat(v).contains("uses java.lang.Thread"));
  }

  @Test
  void aMethodReferenceToTheClockIsRefused() {
    assertThat(bundle(ClockReference.class))
        .anySatisfy(v -> assertThat(v).contains("java.lang.System.currentTimeMillis"));
  }

  @Test
  void javaTimeNowAndRandomUuidsAreRefused() {
    assertThat(bundle(TimeAndIds.class))
        .anySatisfy(v -> assertThat(v).contains("java.time.LocalDateTime.now"))
        .anySatisfy(v -> assertThat(v).contains("java.util.UUID.randomUUID"));
  }

  @Test
  void aDeterministicAppHasNoViolation() {
    Map<String, byte[]> classes = BundleMeasurement.classesOf(Ledgerish.class);
    assertThat(classes).containsKey("io/txnchain/tee/app/fixtures/good/Ledgerish.class");
    assertThat(AppCodeVerifier.violations(classes)).isEmpty();
  }

  @Test
  void integerConversionsAndComparisonsAreNotFloatingPoint() {
    int[] integerOnly = {
      Opcodes.I2L,
      Opcodes.L2I,
      Opcodes.I2B,
      Opcodes.I2C,
      Opcodes.I2S,
      Opcodes.LCMP,
      Opcodes.IADD,
      Opcodes.LMUL,
      Opcodes.LDIV,
      Opcodes.LREM,
      Opcodes.LNEG,
      Opcodes.ISHL,
      Opcodes.LXOR,
      Opcodes.ICONST_0,
      Opcodes.LCONST_1
    };
    for (int opcode : integerOnly) {
      assertThat(AppCodeVerifier.violations(Map.of("Gen.class", classWithInsn(opcode))))
          .as("opcode %d", opcode)
          .isEmpty();
    }
  }

  @Test
  void everyFloatingPointInstructionIsRefused() {
    int[] floating = {
      Opcodes.FCONST_0, Opcodes.FCONST_2, Opcodes.DCONST_0, Opcodes.DCONST_1,
      Opcodes.FADD, Opcodes.DADD, Opcodes.FSUB, Opcodes.DSUB,
      Opcodes.FMUL, Opcodes.DMUL, Opcodes.FDIV, Opcodes.DDIV,
      Opcodes.FREM, Opcodes.DREM, Opcodes.FNEG, Opcodes.DNEG,
      Opcodes.I2F, Opcodes.I2D, Opcodes.L2F, Opcodes.L2D,
      Opcodes.F2I, Opcodes.F2L, Opcodes.F2D, Opcodes.D2I,
      Opcodes.D2L, Opcodes.D2F, Opcodes.FCMPL, Opcodes.FCMPG,
      Opcodes.DCMPL, Opcodes.DCMPG
    };
    for (int opcode : floating) {
      assertThat(AppCodeVerifier.violations(Map.of("Gen.class", classWithInsn(opcode))))
          .as("opcode %d", opcode)
          .containsExactly("Gen.class method run()V: floating-point instruction " + opcode);
    }
  }

  @Test
  void floatingPointArraysAreRefused() {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Gen", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, null);
    mv.visitCode();
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_DOUBLE);
    mv.visitInsn(Opcodes.POP);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(1, 1);
    mv.visitEnd();
    cw.visitEnd();
    assertThat(AppCodeVerifier.violations(Map.of("Gen.class", cw.toByteArray()))).hasSize(1);
  }

  /** A class whose method run()V executes just {@code opcode}; the stack shape is irrelevant. */
  private static byte[] classWithInsn(int opcode) {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Gen", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, null);
    mv.visitCode();
    mv.visitInsn(opcode);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(4, 1);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }
}
