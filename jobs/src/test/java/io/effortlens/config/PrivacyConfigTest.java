package io.effortlens.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy keys and the pseudonymization secret from the environment. */
class PrivacyConfigTest {
  private static final String SECRET = "s3cret-pseudonym-key-0042";
  @TempDir Path dir;

  @Test
  void hashModeWithoutTheKeyFailsNamingTheVariable() {
    EffortLensException e = assertThrows(EffortLensException.class, () -> load(Map.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("'privacy.mode' is 'hash'"), e.getMessage());
    assertTrue(e.getMessage().contains("EFFORTLENS_PSEUDONYM_KEY is not set"), e.getMessage());
  }

  @Test
  void aBlankKeyCountsAsUnset() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class, () -> load(Map.of("EFFORTLENS_PSEUDONYM_KEY", "  ")));
    assertTrue(e.getMessage().contains("EFFORTLENS_PSEUDONYM_KEY is not set"), e.getMessage());
  }

  @Test
  void aShortKeyIsRefused() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class, () -> load(Map.of("EFFORTLENS_PSEUDONYM_KEY", "short")));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("fewer than 16 characters"), e.getMessage());
    assertFalse(e.getMessage().contains("short'"), "the key itself is not echoed");
  }

  @Test
  void dropModeNeedsNoKey() {
    Settings settings = ConfigLoader.load(dir.resolve("absent.yaml"), false, List.of(), Map.of());
    assertEquals("drop", settings.get(ConfigKeys.PRIVACY_MODE));
    assertTrue(settings.pseudonymKey().isEmpty());
  }

  @Test
  void theKeyIsCarriedButNeverPrintedOrHashed() {
    Settings with = load(Map.of("EFFORTLENS_PSEUDONYM_KEY", SECRET));
    Settings other = load(Map.of("EFFORTLENS_PSEUDONYM_KEY", SECRET + "-other"));
    assertTrue(with.pseudonymKey().isPresent());
    assertFalse(with.toString().contains(SECRET), with.toString());
    assertFalse(with.pseudonymKey().get().toString().contains(SECRET));
    assertEquals(with.hash(), other.hash(), "the settings hash does not depend on the key");
  }

  @Test
  void anAnchoredOrBrokenPatternIsRefused() {
    for (String pattern : List.of("^name", "mail$", "name|(mail")) {
      EffortLensException e =
          assertThrows(
              EffortLensException.class,
              () ->
                  ConfigLoader.load(
                      dir.resolve("absent.yaml"),
                      false,
                      List.of("privacy.personal-column-pattern=" + pattern),
                      Map.of()));
      assertTrue(e.getMessage().contains("without ^ or $ anchors"), e.getMessage());
    }
  }

  @Test
  void unknownModeSaysWhatIsExpected() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                ConfigLoader.load(
                    dir.resolve("absent.yaml"), false, List.of("privacy.mode=mask"), Map.of()));
    assertTrue(e.getMessage().contains("privacy.mode"), e.getMessage());
  }

  private Settings load(Map<String, String> environment) {
    return ConfigLoader.load(
        dir.resolve("absent.yaml"), false, List.of("privacy.mode=hash"), environment);
  }
}
