package org.postern.keys;

import java.util.List;

/** An approved key, and the owner's previously approved keys that it replaced (removed in the same step). */
public record Approval(VettedKey approved, List<String> replacedFingerprints) {
}
