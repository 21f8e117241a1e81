<?php
// merchant.php: a complete 聚易付 merchant server in plain PHP (curl extension, no Composer).
// Run it:  JUYIFU_APP_ID=... JUYIFU_APP_SECRET=... JUYIFU_WEBHOOK_SECRET=... php -S 127.0.0.1:8080 merchant.php
//   POST /checkout          {"product_id","quantity"[,"pay_way"]} -> {"order_id","pay_url","credential","amount"}
//   POST /notify            the webhook endpoint (notify_url): payment.* and refund.* events
//   GET  /orders/{order_id} the order as this shop knows it, its refunds included
//   POST /orders/{order_id}/refunds  {"amount"[,"reason"]} the back office refunds (Authorization: Bearer $SHOP_ADMIN_TOKEN)
declare(strict_types=1);

const JUYIFU_BASE = 'http://127.0.0.1:4010';
// Where the cashier sends the payer back: an https App Link the app claims (return_url must be
// http or https, so a custom scheme like myapp:// is refused with 400 invalid_url).
const RETURN_URL = 'https://shop.example.com/pay-result';

/**
 * What this shop sells, at its own prices in fen (1000 = ¥10.00). The app names a product and a
 * quantity; the amount is worked out here and never read from the app, which anyone can change.
 */
const CATALOGUE = [
    'sku-1' => ['name' => '年度会员', 'price' => 1000],
    'sku-2' => ['name' => '月度会员', 'price' => 150],
];
const MAX_QUANTITY = 99;
// The pay ways an app can start in the payer's wallet SDK from the answer's credential.
const APP_PAY_WAYS = ['alipay_app', 'wechat_app', 'unionpay_app'];
const FINAL_STATUSES = ['paid', 'failed', 'closed'];
const FINAL_REFUND_STATUSES = ['succeeded', 'failed'];

final class JuYiFuError extends RuntimeException
{
    public function __construct(public readonly int $status, public readonly array $body)
    {
        parent::__construct(($body['sub_code'] ?? 'error') . ': ' . ($body['message'] ?? ''), $status);
    }
}

function config(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        throw new RuntimeException("set the environment variable $name");
    }
    return $value;
}

function base_url(): string
{
    return getenv('JUYIFU_BASE_URL') ?: JUYIFU_BASE;
}

/** A small JSON file store; a real shop uses its database. */
function store(string $name, ?array $data = null): array
{
    $file = (getenv('MERCHANT_DATA_DIR') ?: sys_get_temp_dir()) . "/juyifu-$name.json";
    if ($data !== null) {
        file_put_contents($file, json_encode($data), LOCK_EX);
        return $data;
    }
    return is_file($file) ? (json_decode((string) file_get_contents($file), true) ?: []) : [];
}

/** One HTTP call; returns [status, decoded body, headers]. */
function http(string $method, string $url, array $headers, ?string $body): array
{
    $responseHeaders = [];
    $ch = curl_init($url);
    curl_setopt_array($ch, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_TIMEOUT => 15,
        CURLOPT_HEADERFUNCTION => function ($ch, string $line) use (&$responseHeaders) {
            $parts = explode(':', $line, 2);
            if (count($parts) === 2) {
                $responseHeaders[strtolower(trim($parts[0]))] = trim($parts[1]);
            }
            return strlen($line);
        },
    ]);
    if ($body !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    $raw = curl_exec($ch);
    if ($raw === false) {
        throw new RuntimeException('network: ' . curl_error($ch));
    }
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    return [$status, json_decode((string) $raw, true) ?? [], $responseHeaders];
}

/** The access token, cached until five minutes before it expires. */
function access_token(bool $fresh = false): string
{
    $cached = store('token');
    if (!$fresh && isset($cached['access_token']) && $cached['expires_at'] > time() + 300) {
        return $cached['access_token'];
    }
    [$status, $body] = http('POST', base_url() . '/v1/oauth/token', ['Content-Type: application/x-www-form-urlencoded'], http_build_query([
        'grant_type' => 'client_credentials',
        'app_id' => config('JUYIFU_APP_ID'),
        'app_secret' => config('JUYIFU_APP_SECRET'),
    ]));
    if (($body['code'] ?? '') !== '0000') {
        throw new JuYiFuError($status, $body);
    }
    store('token', ['access_token' => $body['data']['access_token'], 'expires_at' => time() + $body['data']['expires_in']]);
    return $body['data']['access_token'];
}

/**
 * Calls the API, handling every error code the way the error table says: 401 gets a new token
 * once, 429 and 503 wait Retry-After (twice at most), 500 is retried once with the same
 * Idempotency-Key, anything else is the caller's to fix.
 */
function juyifu(string $method, string $path, ?array $body = null, ?string $idempotencyKey = null): array
{
    $renewed = false;
    for ($attempt = 0; $attempt < 4; $attempt++) {
        $headers = ['Authorization: Bearer ' . access_token(), 'Content-Type: application/json'];
        if ($idempotencyKey !== null) {
            $headers[] = "Idempotency-Key: $idempotencyKey";
        }
        [$status, $answer, $responseHeaders] = http($method, base_url() . $path, $headers, $body === null ? null : json_encode($body, JSON_UNESCAPED_UNICODE));
        if (($answer['code'] ?? '') === '0000') {
            return $answer['data'];
        }
        if ($status === 401 && !$renewed) {
            access_token(true);
            $renewed = true;
            continue;
        }
        if (in_array($status, [429, 503], true) && $attempt < 2) {
            sleep(min(5, (int) ($responseHeaders['retry-after'] ?? 1)));
            continue;
        }
        if ($status === 500 && $attempt === 0 && $idempotencyKey !== null) {
            continue;
        }
        throw new JuYiFuError($status, $answer);
    }
    throw new JuYiFuError($status, $answer);
}

/**
 * JuYiFu-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…], each v1 the hex HMAC-SHA256 of
 * t + "." + raw body under one webhook secret. For a day after a rotation there is one v1 per
 * secret (the new, then the old): the header is good when any v1 matches the secret configured
 * here, so this server may switch to the new secret at any moment of that day.
 */
function signature_ok(string $header, string $rawBody, string $secret, int $tolerance = 300): bool
{
    if (!preg_match('/^t=(\d+)((?:,v1=[0-9a-f]{64})+)$/', $header, $m)) {
        return false;
    }
    if (abs(time() - (int) $m[1]) > $tolerance) {
        return false; // too old: possibly replayed
    }
    $expected = hash_hmac('sha256', $m[1] . '.' . $rawBody, $secret);
    $ok = false;
    foreach (explode(',v1=', substr($m[2], 4)) as $signature) {
        $ok = hash_equals($expected, $signature) || $ok; // constant time, and every v1 is compared
    }
    return $ok;
}

/**
 * What this shop does when 聚易付 reports a payment (by webhook or query): deliver once, and only
 * if the amount paid is what this order costs. A final order is never changed again, so the
 * same news twice (a repeated event, a new event for a paid order) delivers nothing more.
 */
function settle(array $order, array $payment, string $learnedFrom): array
{
    if (in_array($order['status'], FINAL_STATUSES, true)) {
        return $order;
    }
    if (($payment['status'] ?? '') === 'paid' && ($payment['amount'] ?? null) !== $order['amount']) {
        $order['flag'] = 'amount_mismatch'; // not what this order costs: nothing ships, a person looks at it
        return $order;
    }
    $order['status'] = (string) ($payment['status'] ?? $order['status']);
    if ($order['status'] === 'paid') {
        $order['delivered']++; // deliver the goods here
        $order['learned_from'] = $learnedFrom;
    }
    return $order;
}

/**
 * What this shop does when 聚易付 reports one of its refunds (by webhook or query). The amount
 * must be the one this shop asked for, whatever the status; a final refund is never changed
 * again, so the same news twice counts the money once.
 */
function settle_refund(array $order, array $refund, string $learnedFrom): array
{
    $outRefundNo = (string) $refund['out_refund_no'];
    $mine = $order['refunds'][$outRefundNo];
    if (($refund['amount'] ?? null) !== $mine['amount']) {
        $order['refunds'][$outRefundNo]['flag'] = 'amount_mismatch'; // not the refund this shop asked for: a person looks at it
        return $order;
    }
    if (in_array($mine['status'], FINAL_REFUND_STATUSES, true)) {
        return $order;
    }
    $mine['refund_id'] = $refund['refund_id'];
    $mine['status'] = (string) $refund['status'];
    if ($mine['status'] === 'succeeded') {
        $order['amount_refunded'] += $mine['amount']; // the money is back with the payer: update the books here
    }
    if (in_array($mine['status'], FINAL_REFUND_STATUSES, true)) {
        $mine['failure_code'] = $refund['failure_code'] ?? null;
        $mine['learned_from'] = $learnedFrom;
    }
    $order['refunds'][$outRefundNo] = $mine;
    return $order;
}

/** Whether an event's refund is one this shop asked for, of this order. */
function knows_refund(array $order, array $refund): bool
{
    $mine = $order['refunds'][(string) ($refund['out_refund_no'] ?? '')] ?? null;
    return $mine !== null && ($refund['order_id'] ?? null) === $order['order_id']
        && in_array($mine['refund_id'], [null, $refund['refund_id'] ?? null], true); // null: its answer was lost
}

/** What is left to refund: the order's amount less every refund that has not failed. */
function refundable(array $order): int
{
    $taken = 0;
    foreach ($order['refunds'] as $refund) {
        $taken += $refund['status'] === 'failed' ? 0 : $refund['amount'];
    }
    return $order['amount'] - $taken;
}

/** Only the shop's own back office may refund: it sends SHOP_ADMIN_TOKEN as a Bearer token. */
function back_office(): bool
{
    $token = getenv('SHOP_ADMIN_TOKEN');
    return is_string($token) && $token !== '' && hash_equals("Bearer $token", $_SERVER['HTTP_AUTHORIZATION'] ?? '');
}

/** The order as GET /orders shows it: refunds as an object even when there are none. */
function order_view(array $order): array
{
    return ['refunds' => (object) $order['refunds'], 'refundable' => refundable($order)] + $order;
}

/**
 * This shop's order of a 聚易付 order id: [all orders, its out_trade_no, the order], or null
 * once a 404 is answered.
 */
function known_order(string $orderId): ?array
{
    $orders = store('orders');
    foreach ($orders as $outTradeNo => $order) {
        if ($order['order_id'] === $orderId) {
            return [$orders, $outTradeNo, $order];
        }
    }
    reply(404, ['error' => 'no such order']);
    return null;
}

function reply(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    echo json_encode($body, JSON_UNESCAPED_UNICODE);
}

function self_url(): string
{
    return 'http://' . $_SERVER['HTTP_HOST'];
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
try {
    if ($_SERVER['REQUEST_METHOD'] === 'POST' && $path === '/checkout') {
        $in = json_decode((string) file_get_contents('php://input'), true) ?: [];
        $productId = is_string($in['product_id'] ?? null) ? $in['product_id'] : '';
        $quantity = $in['quantity'] ?? 1;
        if (!isset(CATALOGUE[$productId])) {
            reply(404, ['error' => 'unknown_product']);
            return;
        }
        if (!is_int($quantity) || $quantity < 1 || $quantity > MAX_QUANTITY) {
            reply(400, ['error' => 'invalid_quantity']);
            return;
        }
        // An app that starts the payer's wallet SDK names its pay way; the credential in the answer
        // is what it hands to that SDK. Without one the app opens pay_url (the cashier).
        $payWay = $in['pay_way'] ?? null;
        if ($payWay !== null && !in_array($payWay, APP_PAY_WAYS, true)) {
            reply(400, ['error' => 'invalid_pay_way']);
            return;
        }
        // This shop's own order number, new for every order; the idempotency key is made from it,
        // so retrying this order can never create a second one.
        $outTradeNo = 'SHOP' . date('YmdHis') . bin2hex(random_bytes(4));
        $order = [
            'order_id' => null,
            'out_trade_no' => $outTradeNo,
            'product_id' => $productId,
            'quantity' => $quantity,
            'amount' => CATALOGUE[$productId]['price'] * $quantity, // fen, from this shop's prices
            'status' => 'new',
            'delivered' => 0,
            'notifications' => 0,
            'learned_from' => null,
            'flag' => null,
            'amount_refunded' => 0,
            'refunds' => [], // by this shop's out_refund_no
        ];
        $payment = juyifu('POST', '/v1/payments/create', [
            'product_id' => $productId,
            'product_name' => CATALOGUE[$productId]['name'],
            'amount' => $order['amount'],
            'out_trade_no' => $outTradeNo,
            'notify_url' => self_url() . '/notify',
            'return_url' => RETURN_URL,
        ] + ($payWay === null ? [] : ['pay_way' => $payWay]), 'create-' . $outTradeNo);
        $order['order_id'] = $payment['order_id'];
        $order['status'] = $payment['status'];
        $orders = store('orders');
        $orders[$outTradeNo] = $order;
        store('orders', $orders);
        reply(200, [
            'order_id' => $payment['order_id'],
            'pay_url' => $payment['pay_url'],
            'credential' => $payment['credential'],
            'amount' => $order['amount'],
        ]);
    } elseif ($_SERVER['REQUEST_METHOD'] === 'POST' && $path === '/notify') {
        $raw = (string) file_get_contents('php://input');
        if (!signature_ok($_SERVER['HTTP_JUYIFU_SIGNATURE'] ?? '', $raw, config('JUYIFU_WEBHOOK_SECRET'))) {
            reply(400, ['error' => 'bad signature']);
            return;
        }
        $event = json_decode($raw, true);
        $payment = $event['data']['payment'] ?? [];
        $refund = $event['data']['refund'] ?? null; // refund.succeeded and refund.failed carry the refund too
        $orders = store('orders');
        $outTradeNo = (string) ($payment['out_trade_no'] ?? '');
        $order = $orders[$outTradeNo] ?? null;
        if ($order === null || $order['order_id'] !== ($payment['order_id'] ?? null)) {
            // Not an order of this shop: nothing to do. Still a 2xx, or it would be sent again.
            reply(200, ['received' => true, 'ignored' => 'unknown order']);
            return;
        }
        if ($refund !== null && !knows_refund($order, $refund)) {
            reply(200, ['received' => true, 'ignored' => 'unknown refund']); // not a refund this shop asked for
            return;
        }
        $order['notifications']++;
        $seen = store('events');
        $duplicate = isset($seen[$event['id']]); // the same event may come twice: act once
        if (!$duplicate) {
            $seen[$event['id']] = time();
            store('events', $seen);
            $order = $refund === null ? settle($order, $payment, 'webhook') : settle_refund($order, $refund, 'webhook');
        }
        $orders[$outTradeNo] = $order;
        store('orders', $orders);
        $flag = $refund === null ? $order['flag'] : $order['refunds'][$refund['out_refund_no']]['flag'];
        reply(200, ['received' => true, 'duplicate' => $duplicate, 'flag' => $flag]);
    } elseif ($_SERVER['REQUEST_METHOD'] === 'GET' && preg_match('#^/orders/(pay_[A-Za-z0-9]+)$#', $path, $m)) {
        $found = known_order($m[1]);
        if ($found === null) {
            return;
        }
        [$orders, $outTradeNo, $order] = $found;
        if (!in_array($order['status'], FINAL_STATUSES, true)) { // not told yet: ask the API, never the app
            $order = settle($order, juyifu('GET', '/v1/payments?order_id=' . urlencode($m[1])), 'query');
        }
        foreach ($order['refunds'] as $outRefundNo => $refund) {
            if (!in_array($refund['status'], FINAL_REFUND_STATUSES, true)) { // asked by this shop's own refund number
                try {
                    $order = settle_refund($order, juyifu('GET', '/v1/refunds?out_refund_no=' . urlencode($outRefundNo)), 'query');
                } catch (JuYiFuError $e) {
                    if ($e->status !== 404) { // 404: 聚易付 never got it (yet); it stays held, a person looks at it
                        throw $e;
                    }
                }
            }
        }
        $orders[$outTradeNo] = $order;
        store('orders', $orders);
        reply(200, order_view($order));
    } elseif ($_SERVER['REQUEST_METHOD'] === 'POST' && preg_match('#^/orders/(pay_[A-Za-z0-9]+)/refunds$#', $path, $m)) {
        if (!back_office()) {
            reply(401, ['error' => 'back office only']);
            return;
        }
        $in = json_decode((string) file_get_contents('php://input'), true) ?: [];
        $found = known_order($m[1]);
        if ($found === null) {
            return;
        }
        [$orders, $outTradeNo, $order] = $found;
        if ($order['status'] !== 'paid') {
            reply(409, ['error' => 'not_paid']);
            return;
        }
        // This shop decides what may still be refunded: every refund that has not failed counts,
        // a pending one too, so a second refund cannot take the money a pending one holds.
        $amount = $in['amount'] ?? null;
        if (!is_int($amount) || $amount < 1 || $amount > refundable($order)) {
            reply(400, ['error' => 'invalid_amount', 'refundable' => refundable($order)]);
            return;
        }
        // This shop's own refund number, new for every refund; the key is made from it. It is
        // recorded before asking, so a lost answer is found again by this number.
        $outRefundNo = 'RF' . date('YmdHis') . bin2hex(random_bytes(4));
        $order['refunds'][$outRefundNo] = ['refund_id' => null, 'amount' => $amount, 'status' => 'requested', 'failure_code' => null, 'learned_from' => null, 'flag' => null];
        $orders[$outTradeNo] = $order;
        store('orders', $orders);
        $ask = ['amount' => $amount, 'out_refund_no' => $outRefundNo];
        if (is_string($in['reason'] ?? null)) {
            $ask['reason'] = $in['reason'];
        }
        try {
            $refund = juyifu('POST', '/v1/payments/' . urlencode($order['order_id']) . '/refunds', $ask, 'refund-' . $outRefundNo);
        } catch (JuYiFuError $e) {
            if ($e->status < 500) { // refused: no refund was made, so nothing is held for it
                unset($orders[$outTradeNo]['refunds'][$outRefundNo]);
                store('orders', $orders);
            }
            throw $e; // a 5xx keeps it held: the webhook or GET /orders tells what became of it
        }
        $order = settle_refund($order, $refund, 'answer');
        $orders[$outTradeNo] = $order;
        store('orders', $orders);
        reply(200, ['out_refund_no' => $outRefundNo, 'refund_id' => $refund['refund_id'], 'status' => $refund['status'], 'refundable' => refundable($order)]);
    } else {
        reply(404, ['error' => 'not found']);
    }
} catch (JuYiFuError $e) {
    reply($e->status >= 500 ? 502 : $e->status, ['error' => $e->body['sub_code'] ?? 'error', 'param' => $e->body['param'] ?? null, 'message' => $e->body['message'] ?? '', 'request_id' => $e->body['request_id'] ?? null]);
}
