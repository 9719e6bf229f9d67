package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorCommandTest {

    private static final String ONION = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx";

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    private Result run(String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[command.length + 3];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--postern.data-dir=" + tmp.resolve("data");
        args[command.length + 1] = "--postern.tor.console-authorized-clients-dir=" + tmp.resolve("auth");
        args[command.length + 2] = "--postern.tor.console-hostname-file=" + tmp.resolve("hostname");
        int exit = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void addsListsAndRevokesADevice() throws IOException {
        Files.writeString(tmp.resolve("hostname"), ONION + ".onion\n");

        Result added = run("tor", "client", "add", "alice-laptop");
        assertThat(added.exit()).as(added.err()).isZero();
        Matcher line = Pattern.compile(ONION + ":descriptor:x25519:([A-Z2-7]{52})").matcher(added.out());
        assertThat(line.find()).as(added.out()).isTrue();
        assertThat(added.out()).contains("Tor Browser's key prompt:   " + line.group(1));
        assertThat(Files.readString(tmp.resolve("auth/alice-laptop.auth"))).doesNotContain(line.group(1));

        assertThat(run("tor", "client", "list").out()).isEqualTo("alice-laptop\n");
        assertThat(run("tor", "client", "add", "alice-laptop").exit()).isEqualTo(1);
        assertThat(run("tor", "client", "revoke", "alice-laptop").exit()).isZero();
        assertThat(run("tor", "client", "list").out()).contains("No devices");
        Result again = run("tor", "client", "revoke", "alice-laptop");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("No device is named 'alice-laptop'");
    }

    @Test
    void explainsABadNameOrAMissingAddress() {
        Result badName = run("tor", "client", "add", "../etc");
        assertThat(badName.exit()).isEqualTo(1);
        assertThat(badName.err()).contains("A device name is 1 to 40 characters");

        Result noHostname = run("tor", "client", "add", "laptop");
        assertThat(noHostname.exit()).isEqualTo(1);
        assertThat(noHostname.err()).contains("postern.tor.console-hostname-file");
        assertThat(tmp.resolve("auth/laptop.auth")).doesNotExist();
    }
}
