package io.connectusm.benchmarks.ingest;

/** One cell of the ingest matrix: {@code clients} concurrent workers posting batches of {@code batch} events. */
record Cell(int clients, int batch) {

    @Override
    public String toString() {
        return clients + " × " + batch;
    }
}
