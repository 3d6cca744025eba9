package io.snaptastic.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds test operations running until a test opens it; reopened closed for the next test. */
final class OperationGate {

    private volatile CountDownLatch latch = new CountDownLatch(1);

    void awaitOpen() {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void open() {
        latch.countDown();
    }

    void close() {
        latch.countDown();
        latch = new CountDownLatch(1);
    }
}
