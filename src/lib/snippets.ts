/**
 * Code samples from a RequestSpec: curl, PHP (curl extension), Java (java.net.http) and Android
 * (Java with OkHttp 3). Each is a complete program a reader can paste and run: credentials come
 * from environment variables the reader exports, so nothing secret is baked into the page.
 * Written here rather than taken from a snippet library because the console regenerates them in
 * the browser on every keystroke, and the libraries' Java output is a fragment, not a program.
 */
import { fullUrl, isEnv, type Json, type RequestSpec, type SampleValue } from './http-request.ts';

export type SnippetLanguage = 'curl' | 'php' | 'java' | 'android';

// ---- curl ---------------------------------------------------------------------------------

/** POSIX single quoting: the only character to handle is the quote itself. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A value for the shell: literals single-quoted, variables inside double quotes. */
function shellValue(prefix: string, v: SampleValue): string {
  if (isEnv(v)) return `"${prefix.replace(/(["\\$`])/g, '\\$1')}$${v.env}"`;
  return shellQuote(prefix + v);
}

export function curlSnippet(spec: RequestSpec): string {
  const lines = [`curl -sS -X ${spec.method} ${shellQuote(fullUrl(spec))}`];
  if (spec.bearer) lines.push(`-H ${shellValue('Authorization: Bearer ', spec.bearer)}`);
  for (const [name, value] of spec.headers ?? []) lines.push(`-H ${shellValue(`${name}: `, value)}`);
  if (spec.body?.kind === 'json') {
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`-d ${shellQuote(JSON.stringify(spec.body.value))}`);
  } else if (spec.body?.kind === 'form') {
    for (const [k, v] of spec.body.fields) lines.push(`--data-urlencode ${shellValue(`${k}=`, v)}`);
  }
  return lines.join(' \\\n  ');
}

// ---- PHP ----------------------------------------------------------------------------------

function phpString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function phpValue(v: SampleValue): string {
  return isEnv(v) ? `getenv(${phpString(v.env)})` : phpString(v);
}

/** A JSON value as a PHP array literal, indented. */
export function phpLiteral(v: Json, indent = ''): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return phpString(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${inner}${phpLiteral(x, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return 'new stdClass()';
  return `[\n${entries.map(([k, x]) => `${inner}${phpString(k)} => ${phpLiteral(x, inner)},`).join('\n')}\n${indent}]`;
}

export function phpSnippet(spec: RequestSpec, title: string): string {
  const headers: string[] = [];
  if (spec.bearer)
    headers.push(
      isEnv(spec.bearer)
        ? `'Authorization: Bearer ' . ${phpValue(spec.bearer)}`
        : phpString(`Authorization: Bearer ${spec.bearer}`),
    );
  for (const [name, value] of spec.headers ?? [])
    headers.push(isEnv(value) ? `${phpString(`${name}: `)} . ${phpValue(value)}` : phpString(`${name}: ${value}`));
  let body = '';
  if (spec.body?.kind === 'json') {
    headers.push(phpString('Content-Type: application/json'));
    body = `    CURLOPT_POSTFIELDS => json_encode(${phpLiteral(spec.body.value, '    ')}, JSON_UNESCAPED_UNICODE),\n`;
  } else if (spec.body?.kind === 'form') {
    const fields = spec.body.fields.map(([k, v]) => `        ${phpString(k)} => ${phpValue(v)},`).join('\n');
    body = `    CURLOPT_POSTFIELDS => http_build_query([\n${fields}\n    ]),\n`;
  }
  const method = spec.method === 'GET' ? '' : `    CURLOPT_CUSTOMREQUEST => '${spec.method}',\n`;
  return `<?php
// ${title}: ${spec.method} ${new URL(spec.url).pathname}
$ch = curl_init(${phpString(fullUrl(spec))});
curl_setopt_array($ch, [
${method}    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => [
${headers.map((h) => `        ${h},`).join('\n')}
    ],
${body}]);
$body = curl_exec($ch);
if ($body === false) {
    fwrite(STDERR, 'request failed: ' . curl_error($ch) . PHP_EOL);
    exit(1);
}
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);

$result = json_decode($body, true);
echo $status, ' ', json_encode($result, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT), PHP_EOL;
// Success is code "0000"; anything else carries sub_code, param and request_id.
exit($result['code'] === '0000' ? 0 : 2);
`;
}

// ---- Java and Android ---------------------------------------------------------------------

export function javaString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function javaValue(v: SampleValue): string {
  return isEnv(v) ? `System.getenv(${javaString(v.env)})` : javaString(v);
}

/** CreatePayment from createPayment. */
export function className(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

export function javaSnippet(spec: RequestSpec, operationId: string, title: string): string {
  const cls = className(operationId);
  const headers: string[] = [];
  if (spec.bearer)
    headers.push(
      `.header("Authorization", ${isEnv(spec.bearer) ? `"Bearer " + ${javaValue(spec.bearer)}` : javaString(`Bearer ${spec.bearer}`)})`,
    );
  for (const [name, value] of spec.headers ?? []) headers.push(`.header(${javaString(name)}, ${javaValue(value)})`);
  let bodyDecl = '';
  let publisher = 'HttpRequest.BodyPublishers.noBody()';
  if (spec.body?.kind === 'json') {
    headers.push('.header("Content-Type", "application/json")');
    bodyDecl = `        String body = ${javaString(JSON.stringify(spec.body.value))};\n`;
    publisher = 'HttpRequest.BodyPublishers.ofString(body)';
  } else if (spec.body?.kind === 'form') {
    headers.push('.header("Content-Type", "application/x-www-form-urlencoded")');
    const parts = spec.body.fields.map(([k, v], i) => `${i ? '"&' : '"'}${k}=" + form(${javaValue(v)})`);
    bodyDecl = `        String body = ${parts.join('\n            + ')};\n`;
    publisher = 'HttpRequest.BodyPublishers.ofString(body)';
  }
  const formHelper =
    spec.body?.kind === 'form'
      ? `

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }`
      : '';
  const imports = [
    'java.net.URI',
    'java.net.http.HttpClient',
    'java.net.http.HttpRequest',
    'java.net.http.HttpResponse',
  ];
  if (spec.body?.kind === 'form') imports.unshift('java.net.URLEncoder', 'java.nio.charset.StandardCharsets');
  return `${imports
    .sort()
    .map((i) => `import ${i};`)
    .join('\n')}

/** ${title}: ${spec.method} ${new URL(spec.url).pathname} (JDK 11+: java ${cls}.java) */
public class ${cls} {
    public static void main(String[] args) throws Exception {
${bodyDecl}        HttpRequest request = HttpRequest.newBuilder(URI.create(${javaString(fullUrl(spec))}))
            ${[...headers, `.method(${javaString(spec.method)}, ${publisher})`].join('\n            ')}
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
        // Success is code "0000"; anything else carries sub_code, param and request_id.
        System.exit(response.body().contains("\\"code\\":\\"0000\\"") ? 0 : 2);
    }${formHelper}
}
`;
}

export function androidSnippet(spec: RequestSpec, operationId: string, title: string): string {
  const cls = `${className(operationId)}Android`;
  const imports = ['okhttp3.OkHttpClient', 'okhttp3.Request', 'okhttp3.Response'];
  let bodyDecl = '';
  let call = '.get()';
  if (spec.body?.kind === 'json') {
    imports.push('okhttp3.MediaType', 'okhttp3.RequestBody');
    bodyDecl = `        RequestBody body = RequestBody.create(
            MediaType.parse("application/json; charset=utf-8"),
            ${javaString(JSON.stringify(spec.body.value))});\n`;
  } else if (spec.body?.kind === 'form') {
    imports.push('okhttp3.FormBody', 'okhttp3.RequestBody');
    bodyDecl = `        RequestBody body = new FormBody.Builder()
            ${spec.body.fields.map(([k, v]) => `.add(${javaString(k)}, ${javaValue(v)})`).join('\n            ')}
            .build();\n`;
  } else if (spec.method !== 'GET' && spec.method !== 'DELETE') {
    imports.push('okhttp3.RequestBody');
    bodyDecl = '        RequestBody body = RequestBody.create(null, new byte[0]);\n';
  }
  if (spec.method === 'DELETE') call = spec.body ? '.delete(body)' : '.delete()';
  else if (spec.method !== 'GET') call = `.${spec.method.toLowerCase()}(body)`;
  const headers: string[] = [];
  if (spec.bearer)
    headers.push(
      `.addHeader("Authorization", ${isEnv(spec.bearer) ? `"Bearer " + ${javaValue(spec.bearer)}` : javaString(`Bearer ${spec.bearer}`)})`,
    );
  for (const [name, value] of spec.headers ?? []) headers.push(`.addHeader(${javaString(name)}, ${javaValue(value)})`);
  return `${[...new Set(imports)]
    .sort()
    .map((i) => `import ${i};`)
    .join('\n')}

/**
 * ${title}: ${spec.method} ${new URL(spec.url).pathname} with OkHttp 3.
 * On Android, call this off the main thread, and let your server hold the access token:
 * the app asks your server, your server calls 聚易付.
 */
public class ${cls} {
    public static void main(String[] args) throws Exception {
        OkHttpClient client = new OkHttpClient();
${bodyDecl}        Request request = new Request.Builder()
            .url(${javaString(fullUrl(spec))})
            ${[...headers, call].join('\n            ')}
            .build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            System.out.println(response.code() + " " + text);
            // Success is code "0000"; anything else carries sub_code, param and request_id.
            System.exit(text.contains("\\"code\\":\\"0000\\"") ? 0 : 2);
        }
    }
}
`;
}

export function allSnippets(spec: RequestSpec, operationId: string, title: string): Record<SnippetLanguage, string> {
  return {
    curl: curlSnippet(spec),
    php: phpSnippet(spec, title),
    java: javaSnippet(spec, operationId, title),
    android: androidSnippet(spec, operationId, title),
  };
}
