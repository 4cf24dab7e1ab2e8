package io.connectusm.agent.ingest;

/** Which client certificates may speak for which Connect cluster. */
public enum IdentityMode {
    /** The certificate's CN or a URI SAN names the Connect cluster ID that the events claim. */
    CLUSTER,
    /** Any certificate of the trusted CA speaks for every cluster (one certificate shared by all workers). */
    SHARED
}
