package org.postern.recipients;

import java.util.List;

/** An approved key, and the keys it replaced in the same step (retired while stored files need them, else removed). */
public record Approval(VettedKey approved, List<String> replacedFingerprints) {
}
