package org.postern.sources;

public enum SubmissionKind {
    MESSAGE, FILE
}
