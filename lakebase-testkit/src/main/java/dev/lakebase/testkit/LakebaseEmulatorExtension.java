package dev.lakebase.testkit;

import dev.lakebase.testkit.internal.Durations;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link EmulatedLakebase}: starts (or reuses) an emulator and resolves
 * {@link LakebaseEmulator} parameters.
 *
 * <p>Shared mode keeps one emulator in the root context's store (JUnit closes it when the run
 * ends) and {@link LakebaseEmulator#reset() resets} it before each top-level test class, so knobs
 * never leak between classes. Otherwise each test class gets its own emulator, closed after the
 * class. {@code @Nested} classes use their outer class's emulator.
 *
 * <p>Before each top-level test class it also resets the Lakebase SDK's process-wide state
 * ({@code dev.lakebase.jdbc.LakebaseRuntime.reset()}) when the SDK is on the class path, so the
 * class starts with cold credential caches and its emulator counters match what it did.
 */
public final class LakebaseEmulatorExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(LakebaseEmulatorExtension.class);
  private static final String SHARED = "shared-emulator";
  private static final String CLASS_EMULATOR = "class-emulator";

  /** The emulator of a test class; deliberately not AutoCloseable so a shared one outlives the class. */
  private record Handle(LakebaseEmulator emulator) {
  }

  /** Creates the extension (JUnit instantiates it). */
  public LakebaseEmulatorExtension() {
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulatorFor(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
      throws ParameterResolutionException {
    return parameterContext.getParameter().getType() == LakebaseEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
      throws ParameterResolutionException {
    return emulatorFor(extensionContext);
  }

  /** Finds the emulator of this test class (or its outer class), starting it on first use. */
  private static LakebaseEmulator emulatorFor(ExtensionContext context) {
    Handle existing = context.getStore(NAMESPACE).get(CLASS_EMULATOR, Handle.class);
    if (existing != null) {
      return existing.emulator();
    }
    ExtensionContext classContext = classContext(context);
    EmulatedLakebase settings = annotation(classContext.getRequiredTestClass())
        .orElseThrow(() -> new ParameterResolutionException("LakebaseEmulatorExtension needs @EmulatedLakebase on "
            + classContext.getRequiredTestClass().getName() + " or an enclosing class"));
    ExtensionContext.Store classStore = classContext.getStore(NAMESPACE);
    LakebaseEmulator emulator;
    if (settings.shared()) {
      emulator = sharedEmulator(context.getRoot().getStore(NAMESPACE));
      emulator.reset();
    } else {
      emulator = LakebaseEmulator.start();
      classStore.put(CLASS_EMULATOR + "-owned", emulator); // AutoCloseable: JUnit closes it with the class
    }
    // The SDK's caches are process-wide: without this, a class would reuse the tokens minted by the
    // classes before it and the emulator's (just reset) counters would not match what it did.
    SdkState.reset(classContext.getRequiredTestClass().getClassLoader());
    if (!settings.tokenLifetime().isEmpty()) {
      emulator.tokenLifetime(Durations.parse(settings.tokenLifetime(), "@EmulatedLakebase(tokenLifetime)"));
    }
    classStore.put(CLASS_EMULATOR, new Handle(emulator));
    return emulator;
  }

  /** Stored as AutoCloseable in the root store: JUnit (5.13+) closes it when the whole run ends. */
  private static synchronized LakebaseEmulator sharedEmulator(ExtensionContext.Store rootStore) {
    LakebaseEmulator emulator = rootStore.get(SHARED, LakebaseEmulator.class);
    if (emulator == null) {
      emulator = LakebaseEmulator.start();
      rootStore.put(SHARED, emulator);
    }
    return emulator;
  }

  /** The outermost class context that is still a class (a method context's parent, or itself). */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static Optional<EmulatedLakebase> annotation(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      EmulatedLakebase a = c.getAnnotation(EmulatedLakebase.class);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
