package org.postern.recipients;

/** Who put a key in: the operator on the command line, or an investigator in the console. */
public enum KeyOrigin {
    OPERATOR, CONSOLE
}
