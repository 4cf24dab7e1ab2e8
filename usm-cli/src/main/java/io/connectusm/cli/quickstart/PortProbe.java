package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectusm.cli.output.UsmCliException;

/**
 * Checks, before anything starts, that every quickstart port is distinct and free on loopback, so a busy port is
 * reported as one clear line naming the port, its role and the option to change it, instead of a component failing
 * half-way. Stateless.
 */
final class PortProbe {

    private PortProbe() {
    }

    /** @throws UsmCliException for the first port that is taken or used twice */
    static void requireFree(List<QuickstartPorts.PortUse> uses) {
        Map<Integer, QuickstartPorts.PortUse> seen = new HashMap<>();
        for (QuickstartPorts.PortUse use : uses) {
            QuickstartPorts.PortUse earlier = seen.putIfAbsent(use.port(), use);
            if (earlier != null) {
                throw new UsmCliException("port " + use.port() + " is given to both the " + earlier.role() + " ("
                        + earlier.option() + ") and the " + use.role() + " (" + use.option()
                        + "): pick distinct ports");
            }
            if (!isFree(use.port())) {
                throw new UsmCliException("port " + use.port() + " (" + use.role() + ") is in use: stop what uses it "
                        + "(see 'ss -ltnp | grep :" + use.port() + "' or 'lsof -i :" + use.port() + "') or pass "
                        + use.option() + " with a free port");
            }
        }
    }

    static boolean isFree(int port) {
        // SO_REUSEADDR as the components' servers set it: connections of an earlier run still in TIME_WAIT do not
        // make the port busy, a listening socket does.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
