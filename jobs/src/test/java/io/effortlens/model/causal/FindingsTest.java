package io.effortlens.model.causal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Holm's adjustment of the delight effects and the finding rule, on hand-made effects. */
class FindingsTest {

  /** An effect in points of probability with a 95% interval of effect ± 1.96 se. */
  private static Findings.Tested tested(double effect, double se) {
    return new Findings.Tested(effect, se, effect - 1.96 * se, effect + 1.96 * se);
  }

  @Test
  void ofFiveTypesOnlyTheRealEffectIsAFindingAndTheNullsThatLookSignificantAloneAreNot() {
    // type 0: -8 points with se 1.5 (z = -5.3, a real effect); types 1-4: noise around 0, one of
    // them (type 2) excluding 0 on its own 95% interval (z = 2.2, p = 0.028)
    List<Findings.Verdict> verdicts =
        Findings.of(
            List.of(
                tested(-0.08, 0.015),
                tested(0.005, 0.02),
                tested(0.044, 0.02),
                tested(-0.01, 0.02),
                tested(0.02, 0.02)));

    assertTrue(verdicts.get(0).isFinding());
    assertTrue(verdicts.get(2).pValue() < 0.05, "significant alone");
    for (int i = 1; i < 5; i++) {
      assertFalse(verdicts.get(i).isFinding(), "type " + i);
    }
    // Holm: the smallest p is multiplied by 5, the second smallest (type 2) by 4
    assertEquals(5 * verdicts.get(0).pValue(), verdicts.get(0).pAdjusted(), 1e-15);
    assertEquals(4 * verdicts.get(2).pValue(), verdicts.get(2).pAdjusted(), 1e-12);
    assertEquals(5, verdicts.get(0).familySize());
  }

  @Test
  void holmMultipliesTheKthSmallestByMMinusKPlusOneAndKeepsTheOrder() {
    double[] p = {0.04, 0.01, 0.03, 0.005};

    // sorted 0.005, 0.01, 0.03, 0.04 -> x4, x3, x2, x1 = 0.02, 0.03, 0.06, 0.04 -> running max
    // 0.02, 0.03, 0.06, 0.06 (an adjusted p never falls below a smaller p's)
    assertArrayEquals(new double[] {0.06, 0.03, 0.06, 0.02}, Findings.holm(p), 1e-15);
  }

  @Test
  void adjustedValuesAreCappedAtOneAndAMissingValueStaysOutOfTheFamily() {
    double[] adjusted = Findings.holm(new double[] {0.6, Double.NaN, 0.5});

    assertEquals(1.0, adjusted[0]);
    assertTrue(Double.isNaN(adjusted[1]));
    assertEquals(1.0, adjusted[2]);
    List<Findings.Verdict> verdicts =
        Findings.of(List.of(tested(-0.1, 0.01), new Findings.Tested(0.1, Double.NaN, 0, 0.2)));
    assertEquals(1, verdicts.get(0).familySize());
    assertFalse(verdicts.get(1).isFinding());
    assertTrue(Double.isNaN(verdicts.get(1).pValue()));
  }

  @Test
  void anIntervalCoveringZeroIsNoFindingEvenWithASmallAdjustedP() {
    // a skewed bootstrap: the normal p is small, but the percentile interval reaches 0
    List<Findings.Verdict> verdicts =
        Findings.of(List.of(new Findings.Tested(-0.05, 0.01, -0.09, 0.001)));

    assertTrue(verdicts.get(0).pAdjusted() < 0.05);
    assertFalse(verdicts.get(0).isFinding());
    assertEquals("no distinct effect", Findings.wording(false));
  }

  @Test
  void theVerdictReadsTheSameFromARowAndARowWrittenBeforeTheAdjustmentIsNoFinding() {
    StructType schema =
        new StructType()
            .add(DelightEffectSchema.ACTION, DataTypes.StringType)
            .add(DelightEffectSchema.P_ADJUSTED, DataTypes.DoubleType)
            .add(DelightEffectSchema.FAMILY_SIZE, DataTypes.IntegerType)
            .add(DelightEffectSchema.IS_FINDING, DataTypes.BooleanType);
    Row finding = new GenericRowWithSchema(new Object[] {"refund", 0.00021, 5, true}, schema);
    Row none = new GenericRowWithSchema(new Object[] {"gift", 0.41, 5, false}, schema);
    Row nulls = new GenericRowWithSchema(new Object[] {"gift", null, null, null}, schema);
    StructType old = new StructType().add(DelightEffectSchema.ACTION, DataTypes.StringType);
    Row absent = new GenericRowWithSchema(new Object[] {"gift"}, old);

    assertEquals("finding (Holm-adjusted p < 0.001 over 5 actions)", Findings.verdict(finding));
    assertEquals(
        "no distinct effect (Holm-adjusted p 0.410 over 5 actions)", Findings.verdict(none));
    assertEquals(
        "no distinct effect (not adjusted for the actions tested)", Findings.verdict(nulls));
    assertEquals(Findings.verdict(nulls), Findings.verdict(absent));
    assertFalse(Findings.isFinding(absent));
  }

  @Test
  void thePValueIsTwoSidedFromTheNormalApproximation() {
    assertEquals(0.05, Findings.pValue(-1.959964, 1.0), 1e-6);
    assertEquals(0.05, Findings.pValue(0.01959964, 0.01), 1e-6);
    assertTrue(Double.isNaN(Findings.pValue(0.1, 0.0)));
  }
}
