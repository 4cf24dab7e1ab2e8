package io.connectusm.cli.quickstart;

/**
 * Takes the data directory for one run, checking the ports on the way, so that a failed port check leaves no
 * half-made directory behind: for a directory no quickstart made, the ports are checked before anything is
 * written; for one an earlier run made, under the lock, after that run's leftover JVMs (which hold its ports) are
 * stopped. Stateless.
 */
final class DataDirClaim {

    /** The lock held for the run, and how many leftover JVMs were stopped. */
    record Claimed(DataDirLock lock, int leftovers) {
    }

    private DataDirClaim() {
    }

    /** @throws io.connectusm.cli.output.UsmCliException naming a busy port, or a directory that is not ours */
    static Claimed claim(QuickstartLayout layout, QuickstartPorts ports) {
        boolean ours = layout.isMarked();
        if (!ours) {
            // No quickstart ran here, so no leftover can hold a port: check before the directory is touched.
            layout.requireClaimable();
            PortProbe.requireFree(ports.uses());
        }
        QuickstartLayout.Claim claim = layout.claim();
        DataDirLock lock = DataDirLock.acquire(layout);
        try {
            // Only now, with the lock held, are JVMs named in the PID files leftovers of a run that was killed;
            // stop them before the port check, since they hold the ports.
            int leftovers = ChildJvm.stopLeftovers(layout);
            PortProbe.requireFree(ports.uses());
            return new Claimed(lock, leftovers);
        } catch (RuntimeException e) {
            lock.close();
            layout.unclaim(claim);
            throw e;
        }
    }
}
