package org.postern.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.postern.audit.AuditActor;
import org.postern.onion.ClientAuthKeys;
import org.postern.onion.DeviceAuthorizations;
import org.postern.onion.DeviceCredential;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tor client add|revoke|list}: per-device client authorization for the console onion. */
@Command(name = "tor", mixinStandardHelpOptions = true, description = "Tor onion service settings.",
        subcommands = TorCommand.Client.class)
class TorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "client", mixinStandardHelpOptions = true,
            description = "Investigator devices allowed to reach the console onion.",
            subcommands = {Add.class, Revoke.class, ListDevices.class})
    static class Client implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "add", description = "Create a key for a device and print its private half, once.")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "device name: a-z, 0-9 and '-', up to 40 characters")
        String name;
        private final DeviceAuthorizations devices;

        Add(DeviceAuthorizations devices) {
            this.devices = devices;
        }

        @Override
        public Integer call() {
            DeviceCredential credential;
            try {
                credential = devices.authorize(name, AuditActor.OPERATOR);
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                return refuse(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Device '" + credential.deviceName() + "' may reach the console once tor is reloaded.");
            out.println("This is shown once and stored nowhere. Give it to the investigator over a safe channel.");
            out.println();
            out.println("Console address:            " + credential.onion() + ".onion");
            out.println("Tor Browser's key prompt:   " + credential.privateKey());
            out.println("ClientOnionAuthDir line:    " + credential.authPrivateLine());
            return 0;
        }
    }

    @Command(name = "revoke", description = "Remove a device's key; it is refused once tor is reloaded.")
    static class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        private final DeviceAuthorizations devices;

        Revoke(DeviceAuthorizations devices) {
            this.devices = devices;
        }

        @Override
        public Integer call() {
            try {
                if (!devices.revoke(name, AuditActor.OPERATOR)) {
                    spec.commandLine().getErr().println("No device is named '" + name + "'.");
                    return 1;
                }
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                return refuse(spec, e);
            }
            spec.commandLine().getOut().println("Revoked device '" + name + "'. Reload tor for it to take effect.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the devices that hold a console key.")
    static class ListDevices implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final ClientAuthKeys keys;

        ListDevices(ClientAuthKeys keys) {
            this.keys = keys;
        }

        @Override
        public Integer call() {
            List<String> names;
            try {
                names = keys.list();
            } catch (IllegalStateException | IOException e) {
                return refuse(spec, e);
            }
            if (names.isEmpty()) {
                spec.commandLine().getOut().println("No devices. Nobody can reach the console onion.");
            }
            names.forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }

    private static int refuse(CommandSpec spec, Exception e) {
        String reason = e instanceof IOException ? "Cannot write the authorized-clients directory: " + e.getMessage()
                : e.getMessage();
        spec.commandLine().getErr().println(reason);
        return 1;
    }
}
