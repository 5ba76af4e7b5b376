package io.effortlens.ingest;

import com.amazon.deequ.checks.Check;
import io.effortlens.quality.BatchQualityGate;
import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.schema.Vocabulary;
import java.util.List;

/** The Deequ constraints an ingest batch's accepted rows must meet, per target table. */
final class IngestChecks {
  private IngestChecks() {}

  static Check interactions() {
    Check check = BatchQualityGate.check("interactions batch");
    check = BatchQualityGate.complete(check, InteractionSchema.REQUIRED);
    check = BatchQualityGate.unique(check, List.of(InteractionSchema.INTERACTION_ID));
    check =
        BatchQualityGate.containedIn(
            check, InteractionSchema.CHANNEL, Vocabulary.CHANNEL.allowed());
    check = BatchQualityGate.containedIn(check, InteractionSchema.KIND, Vocabulary.KIND.allowed());
    check = BatchQualityGate.between(check, InteractionSchema.CES, 1, 7);
    check = BatchQualityGate.between(check, InteractionSchema.CSAT, 1, 5);
    check = BatchQualityGate.between(check, InteractionSchema.NPS, 0, 10);
    for (String column :
        List.of(
            InteractionSchema.WAIT_SECONDS,
            InteractionSchema.HANDLE_SECONDS,
            InteractionSchema.TRANSFERS)) {
      check = BatchQualityGate.nonNegative(check, column);
    }
    return check;
  }

  static Check customers() {
    Check check = BatchQualityGate.check("customers batch");
    check = BatchQualityGate.complete(check, CustomerSchema.REQUIRED);
    return BatchQualityGate.unique(check, List.of(CustomerSchema.CUSTOMER_ID));
  }
}
