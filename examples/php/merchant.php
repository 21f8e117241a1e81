<?php
// merchant.php: a complete 聚易付 merchant server in plain PHP (curl extension, no Composer).
// Run it:  JUYIFU_APP_ID=... JUYIFU_APP_SECRET=... JUYIFU_WEBHOOK_SECRET=... php -S 127.0.0.1:8080 merchant.php
//   POST /checkout         {"product_id","product_name","amount"}  -> {"order_id","pay_url"}
//   POST /notify           the webhook endpoint (notify_url)
//   GET  /orders/{order_id} the order as this shop knows it
declare(strict_types=1);

const JUYIFU_BASE = 'http://127.0.0.1:4010';

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

/** JuYiFu-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhook_secret, t + "." + raw body)> */
function signature_ok(string $header, string $rawBody): bool
{
    if (!preg_match('/^t=(\d+),v1=([0-9a-f]{64})$/', $header, $m)) {
        return false;
    }
    if (abs(time() - (int) $m[1]) > 300) {
        return false;
    }
    $expected = hash_hmac('sha256', $m[1] . '.' . $rawBody, config('JUYIFU_WEBHOOK_SECRET'));
    return hash_equals($expected, $m[2]);
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
        $outTradeNo = 'SHOP' . bin2hex(random_bytes(6));
        $payment = juyifu('POST', '/v1/payments/create', [
            'product_id' => (string) ($in['product_id'] ?? ''),
            'product_name' => (string) ($in['product_name'] ?? ''),
            'amount' => $in['amount'] ?? null, // fen: 1000 = ¥10.00
            'out_trade_no' => $outTradeNo,
            'notify_url' => self_url() . '/notify',
            'return_url' => $in['return_url'] ?? 'juyifu-demo://pay-result',
        ], $outTradeNo); // the order number doubles as the idempotency key: a retry never pays twice
        $orders = store('orders');
        $orders[$payment['order_id']] = ['status' => $payment['status'], 'delivered' => 0, 'notifications' => 0, 'learned_from' => null];
        store('orders', $orders);
        reply(200, ['order_id' => $payment['order_id'], 'pay_url' => $payment['pay_url']]);
    } elseif ($_SERVER['REQUEST_METHOD'] === 'POST' && $path === '/notify') {
        $raw = (string) file_get_contents('php://input');
        if (!signature_ok($_SERVER['HTTP_JUYIFU_SIGNATURE'] ?? '', $raw)) {
            reply(400, ['error' => 'bad signature']);
            return;
        }
        $event = json_decode($raw, true);
        $seen = store('events');
        $orders = store('orders');
        $id = $event['data']['payment']['order_id'];
        $orders[$id] ??= ['status' => 'unknown', 'delivered' => 0, 'notifications' => 0, 'learned_from' => null];
        $orders[$id]['notifications']++;
        if (!isset($seen[$event['id']])) { // the same event may come twice: act once
            $seen[$event['id']] = time();
            $orders[$id]['status'] = $event['data']['payment']['status'];
            if ($event['type'] === 'payment.paid' && $orders[$id]['delivered'] === 0) {
                $orders[$id]['delivered'] = 1; // deliver the goods here
                $orders[$id]['learned_from'] = 'webhook';
            }
            store('events', $seen);
        }
        store('orders', $orders);
        reply(200, ['received' => true]);
    } elseif ($_SERVER['REQUEST_METHOD'] === 'GET' && preg_match('#^/orders/(pay_[A-Za-z0-9]+)$#', $path, $m)) {
        $orders = store('orders');
        $order = $orders[$m[1]] ?? null;
        if ($order === null) {
            reply(404, ['error' => 'no such order']);
            return;
        }
        if ($order['status'] !== 'paid') { // not told yet: ask the API, never the app
            $payment = juyifu('GET', '/v1/payments?order_id=' . urlencode($m[1]));
            $order['status'] = $payment['status'];
            if ($payment['status'] === 'paid' && $order['delivered'] === 0) {
                $order['delivered'] = 1;
                $order['learned_from'] = 'query';
            }
            $orders[$m[1]] = $order;
            store('orders', $orders);
        }
        reply(200, ['order_id' => $m[1]] + $order);
    } else {
        reply(404, ['error' => 'not found']);
    }
} catch (JuYiFuError $e) {
    reply($e->status >= 500 ? 502 : $e->status, ['error' => $e->body['sub_code'] ?? 'error', 'param' => $e->body['param'] ?? null, 'message' => $e->body['message'] ?? '', 'request_id' => $e->body['request_id'] ?? null]);
}
