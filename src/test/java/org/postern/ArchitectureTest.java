package org.postern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries that matter, proved on the compiled classes: the source side can encrypt but reaches no
 * decryption API beyond its own reply key, and the two sides never reach into each other.
 */
class ArchitectureTest {

    /** Bouncy Castle types that open ciphertext or hold private keys. */
    private static final String[] DECRYPTING_TYPES = {
        "org.bouncycastle.openpgp.PGPPrivateKey", "org.bouncycastle.openpgp.PGPSecretKey",
        "org.bouncycastle.openpgp.PGPSecretKeyRing", "org.bouncycastle.openpgp.PGPSecretKeyRingCollection",
        "org.bouncycastle.openpgp.PGPKeyPair", "org.bouncycastle.openpgp.PGPPublicKeyEncryptedData",
        "org.bouncycastle.openpgp.PGPPBEEncryptedData", "org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory",
        "org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory",
        "org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder",
        "org.bouncycastle.openpgp.operator.PBEDataDecryptorFactory"};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.postern");
    }

    @Test
    void onlyTheCryptoModuleTouchesBouncyCastle() {
        noClasses().that().resideOutsideOfPackage("org.postern.crypto..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    void onlyTheReplyKeyClassesCanDecrypt() {
        noClasses().that().doNotHaveFullyQualifiedName("org.postern.crypto.SourceReplyKey")
                .and().doNotHaveFullyQualifiedName("org.postern.crypto.ReplyKeys")
                .should().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[0])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[1])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[2])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[3])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[4])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[5])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[6])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[7])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[8])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[9])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DECRYPTING_TYPES[10])
                .check(classes);
    }

    @Test
    void theSourceSideUsesTheReplyKeyOnlyThroughItsSessionAndLogin() {
        noClasses().that().resideInAPackage("org.postern.intake..")
                .and().haveNameNotMatching("org\\.postern\\.intake\\.(SourceSession|SourceAccounts|LookupController)(\\$.*)?")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.postern.crypto.SourceReplyKey")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName("org.postern.intake.SourceAccounts")
                .should().callMethod("org.postern.crypto.ReplyKeys", "derivePrivateKeyRisky",
                        "org.postern.crypto.SourceSecrets")
                .check(classes);
    }

    @Test
    void theConsoleNeverDecrypts() {
        noClasses().that().resideInAPackage("org.postern.review..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.postern.crypto.SourceReplyKey")
                .orShould().callMethod("org.postern.crypto.ReplyKeys", "derivePrivateKeyRisky",
                        "org.postern.crypto.SourceSecrets")
                .check(classes);
    }

    @Test
    void theTwoSidesNeverReachIntoEachOther() {
        noClasses().that().resideInAPackage("org.postern.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("org.postern.review..", "org.postern.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.postern.review..")
                .should().dependOnClassesThat().resideInAnyPackage("org.postern.intake..", "org.postern.cli..")
                .check(classes);
    }

    @Test
    void internalsStayInsideTheirModule() {
        noClasses().that().resideOutsideOfPackage("org.postern.intake..")
                .should().dependOnClassesThat().resideInAPackage("org.postern.intake.internal..")
                .check(classes);
    }

    /** Other modules use crypto's public types; the OpenPGP machinery behind them is no one else's to call. */
    @Test
    void theOpenPgpMachineryIsReachedOnlyThroughTheCryptoApi() {
        noClasses().that().resideOutsideOfPackage("org.postern.crypto..")
                .should().dependOnClassesThat().resideInAPackage("org.postern.crypto.internal..")
                .check(classes);
    }

    /** The root package holds the entry points; the slice rule below cannot see it, so this keeps it on top. */
    @Test
    void nothingDependsOnTheEntryPoints() {
        noClasses().that().resideOutsideOfPackage("org.postern")
                .should().dependOnClassesThat().resideInAPackage("org.postern")
                .check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("org.postern.(*)..").should().beFreeOfCycles().check(classes);
    }
}
