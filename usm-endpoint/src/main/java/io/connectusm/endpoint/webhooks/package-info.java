/**
 * Webhooks on transitions: the per-webhook configuration ({@code webhook.NAME.*}, {@link
 * io.connectusm.endpoint.webhooks.WebhookConfig}), the bodies ({@code cloudevents}, {@code slack}) and their
 * HMAC-SHA256 signature ({@link io.connectusm.endpoint.webhooks.WebhookSender}), and the delivery job that drains
 * the outbox the store fills ({@link io.connectusm.endpoint.webhooks.WebhookDispatcher}): durable, at least once,
 * one replica at a time.
 *
 * <p>May call {@code metrics} and {@code store}.
 */
package io.connectusm.endpoint.webhooks;
