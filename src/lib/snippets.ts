/**
 * Code samples from a RequestSpec: curl, PHP (curl extension), Java (java.net.http) and Android
 * (Java with OkHttp 3). Each is a complete program a reader can paste and run: credentials come
 * from environment variables the reader exports, so nothing secret is baked into the page, and
 * the order number and Idempotency-Key are made afresh by each run (per-run.ts), so a copied
 * program never replays the order of the page it came from.
 * Written here rather than taken from a snippet library because the console regenerates them in
 * the browser on every keystroke, and the libraries' Java output is a fragment, not a program.
 */
import {
  fullUrl,
  isEnv,
  runValuesOf,
  type Json,
  type RequestSpec,
  type RunMake,
  type SampleValue,
} from './http-request.ts';
import { perRun } from './per-run.ts';

export type SnippetLanguage = 'curl' | 'php' | 'java' | 'android';

/** What a merchant number made by each run numbers, and the letter it starts with. */
const NUMBERED = { 'order-number': { what: 'order', letter: 'M' }, 'refund-number': { what: 'refund', letter: 'R' } };

/** Why a value is made by each run, said above its variable. */
function why(make: RunMake): string {
  if (make.kind === 'random') return 'A new key on every run: send a key again only to retry that same request';
  if (make.kind === 'prefixed') {
    const what = make.of.make.kind === 'refund-number' ? 'refund' : 'order';
    return `Made from the ${what} number: a retry of the same ${what} sends the same key`;
  }
  const { what } = NUMBERED[make.kind];
  return `Your ${what} number, new on every run (in a shop: the number of its own ${what})`;
}

// ---- JSON bodies with values of the program's own ---------------------------------------------

/** A value the program holds in a variable: the environment's or one it makes. */
type Variable = Exclude<SampleValue, string>;

/** Stands for a value of the program inside JSON text until each language writes it its way. */
const MARK = '\uE000';

/** The JSON body with a marker in each field the sample fills in, and the values they stand for. */
function markedJson(body: { value: Json; set?: [string, SampleValue][] }): { value: Json; values: Variable[] } {
  const values: Variable[] = [];
  if (!body.set?.length || body.value === null || typeof body.value !== 'object' || Array.isArray(body.value))
    return { value: body.value, values };
  const value: { [key: string]: Json } = { ...body.value };
  for (const [k, v] of body.set) {
    if (typeof v === 'string') value[k] = v;
    else value[k] = `${MARK}${values.push(v) - 1}${MARK}`;
  }
  return { value, values };
}

/** Code with each marker (and the quotes given around it) replaced by what `write` makes of its value. */
function unmark(code: string, values: Variable[], write: (v: Variable) => string, quote = ''): string {
  return code.replace(new RegExp(`${quote}${MARK}(\\d+)${MARK}${quote}`, 'g'), (_, i: string) => write(values[+i]));
}

// ---- curl ---------------------------------------------------------------------------------

/** POSIX single quoting: the only character to handle is the quote itself. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const shellEscape = (s: string) => s.replace(/(["\\$`])/g, '\\$1');
const shellName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** A variable of the shell: the environment's own, or one this script sets. */
function shellVariable(v: Variable): string {
  return `$${isEnv(v) ? v.env : shellName(v.run.name)}`;
}

/** A value for the shell: literals single-quoted, variables inside double quotes. */
function shellValue(prefix: string, v: SampleValue): string {
  return typeof v === 'string' ? shellQuote(prefix + v) : `"${shellEscape(prefix)}${shellVariable(v)}"`;
}

function shellMake(make: RunMake): string {
  if (make.kind === 'random') return `"$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')"`;
  if (make.kind === 'prefixed') return `"${shellEscape(make.prefix)}${shellVariable({ run: make.of })}"`;
  return `"${NUMBERED[make.kind].letter}$(date +%Y%m%d%H%M%S)$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"`;
}

export function curlSnippet(spec: RequestSpec): string {
  const lines = [`curl -sS -X ${spec.method} ${shellQuote(fullUrl(spec))}`];
  if (spec.bearer) lines.push(`-H ${shellValue('Authorization: Bearer ', spec.bearer)}`);
  for (const [name, value] of spec.headers ?? []) lines.push(`-H ${shellValue(`${name}: `, value)}`);
  if (spec.body?.kind === 'json') {
    const { value, values } = markedJson(spec.body);
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`-d ${unmark(shellQuote(JSON.stringify(value)), values, (v) => `'"${shellVariable(v)}"'`)}`);
  } else if (spec.body?.kind === 'form') {
    for (const [k, v] of spec.body.fields) lines.push(`--data-urlencode ${shellValue(`${k}=`, v)}`);
  }
  const declarations = runValuesOf(spec).flatMap((v) => [
    `# ${why(v.make)}`,
    `${shellName(v.name)}=${shellMake(v.make)}`,
  ]);
  return [...declarations, lines.join(' \\\n  ')].join('\n');
}

// ---- PHP ----------------------------------------------------------------------------------

function phpString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function phpValue(v: SampleValue): string {
  if (typeof v === 'string') return phpString(v);
  return isEnv(v) ? `getenv(${phpString(v.env)})` : `$${v.run.name}`;
}

/** A header line: one literal, or its start then the value the program has. */
function phpHeader(name: string, v: SampleValue, prefix = ''): string {
  const start = `${name}: ${prefix}`;
  return typeof v === 'string' ? phpString(start + v) : `${phpString(start)} . ${phpValue(v)}`;
}

function phpMake(make: RunMake): string {
  if (make.kind === 'random') return 'bin2hex(random_bytes(16))';
  if (make.kind === 'prefixed') return `${phpString(make.prefix)} . $${make.of.name}`;
  return `'${NUMBERED[make.kind].letter}' . date('YmdHis') . bin2hex(random_bytes(4))`;
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
  if (spec.bearer) headers.push(phpHeader('Authorization', spec.bearer, 'Bearer '));
  for (const [name, value] of spec.headers ?? []) headers.push(phpHeader(name, value));
  let body = '';
  if (spec.body?.kind === 'json') {
    const { value, values } = markedJson(spec.body);
    headers.push(phpString('Content-Type: application/json'));
    const literal = unmark(phpLiteral(value, '    '), values, phpValue, "'");
    body = `    CURLOPT_POSTFIELDS => json_encode(${literal}, JSON_UNESCAPED_UNICODE),\n`;
  } else if (spec.body?.kind === 'form') {
    const fields = spec.body.fields.map(([k, v]) => `        ${phpString(k)} => ${phpValue(v)},`).join('\n');
    body = `    CURLOPT_POSTFIELDS => http_build_query([\n${fields}\n    ]),\n`;
  }
  const method = spec.method === 'GET' ? '' : `    CURLOPT_CUSTOMREQUEST => '${spec.method}',\n`;
  const declarations = runValuesOf(spec).map((v) => `// ${why(v.make)}\n$${v.name} = ${phpMake(v.make)};\n`);
  return `<?php
// ${title}: ${spec.method} ${new URL(spec.url).pathname}
${declarations.join('')}$ch = curl_init(${phpString(fullUrl(spec))});
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
  if (typeof v === 'string') return javaString(v);
  return isEnv(v) ? `System.getenv(${javaString(v.env)})` : v.run.name;
}

/** `"Bearer " + token` whatever the token is. */
function javaBearer(v: SampleValue): string {
  return typeof v === 'string' ? javaString(`Bearer ${v}`) : `"Bearer " + ${javaValue(v)}`;
}

/** A JSON body as a Java string expression, the program's own values joined in. */
function javaJson(body: { value: Json; set?: [string, SampleValue][] }): string {
  const { value, values } = markedJson(body);
  return unmark(javaString(JSON.stringify(value)), values, (v) => `" + ${javaValue(v)} + "`);
}

/** java.util.Date and SimpleDateFormat rather than java.time: Android has them at every API level. */
function javaMake(make: RunMake): string {
  if (make.kind === 'random') return 'UUID.randomUUID().toString()';
  if (make.kind === 'prefixed') return `${javaString(make.prefix)} + ${make.of.name}`;
  return `"${NUMBERED[make.kind].letter}" + new SimpleDateFormat("yyyyMMddHHmmss").format(new Date()) + String.format("%08x", new SecureRandom().nextInt())`;
}

const NUMBER_IMPORTS = ['java.security.SecureRandom', 'java.text.SimpleDateFormat', 'java.util.Date'];
const JAVA_IMPORTS: Record<RunMake['kind'], string[]> = {
  'order-number': NUMBER_IMPORTS,
  'refund-number': NUMBER_IMPORTS,
  random: ['java.util.UUID'],
  prefixed: [],
};

/** The lines of main that make this run's values, and the imports they need. */
function javaRunValues(spec: RequestSpec): { imports: string[]; lines: string } {
  const values = runValuesOf(spec);
  return {
    imports: values.flatMap((v) => JAVA_IMPORTS[v.make.kind]),
    lines: values.map((v) => `        // ${why(v.make)}\n        String ${v.name} = ${javaMake(v.make)};\n`).join(''),
  };
}

const importLines = (imports: string[]) =>
  [...new Set(imports)]
    .sort()
    .map((i) => `import ${i};`)
    .join('\n');

/** CreatePayment from createPayment. */
export function className(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

export function javaSnippet(spec: RequestSpec, operationId: string, title: string): string {
  const cls = className(operationId);
  const run = javaRunValues(spec);
  const headers: string[] = [];
  if (spec.bearer) headers.push(`.header("Authorization", ${javaBearer(spec.bearer)})`);
  for (const [name, value] of spec.headers ?? []) headers.push(`.header(${javaString(name)}, ${javaValue(value)})`);
  let bodyDecl = '';
  let publisher = 'HttpRequest.BodyPublishers.noBody()';
  if (spec.body?.kind === 'json') {
    headers.push('.header("Content-Type", "application/json")');
    bodyDecl = `        String body = ${javaJson(spec.body)};\n`;
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
    ...run.imports,
  ];
  if (spec.body?.kind === 'form') imports.push('java.net.URLEncoder', 'java.nio.charset.StandardCharsets');
  return `${importLines(imports)}

/** ${title}: ${spec.method} ${new URL(spec.url).pathname} (JDK 11+: java ${cls}.java) */
public class ${cls} {
    public static void main(String[] args) throws Exception {
${run.lines}${bodyDecl}        HttpRequest request = HttpRequest.newBuilder(URI.create(${javaString(fullUrl(spec))}))
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
  const run = javaRunValues(spec);
  const imports = ['okhttp3.OkHttpClient', 'okhttp3.Request', 'okhttp3.Response', ...run.imports];
  let bodyDecl = '';
  let call = '.get()';
  if (spec.body?.kind === 'json') {
    imports.push('okhttp3.MediaType', 'okhttp3.RequestBody');
    bodyDecl = `        RequestBody body = RequestBody.create(
            MediaType.parse("application/json; charset=utf-8"),
            ${javaJson(spec.body)});\n`;
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
  if (spec.bearer) headers.push(`.addHeader("Authorization", ${javaBearer(spec.bearer)})`);
  for (const [name, value] of spec.headers ?? []) headers.push(`.addHeader(${javaString(name)}, ${javaValue(value)})`);
  return `${importLines(imports)}

/**
 * ${title}: ${spec.method} ${new URL(spec.url).pathname} with OkHttp 3.
 * On Android, call this off the main thread, and let your server hold the access token:
 * the app asks your server, your server calls 聚易付.
 */
public class ${cls} {
    public static void main(String[] args) throws Exception {
        OkHttpClient client = new OkHttpClient();
${run.lines}${bodyDecl}        Request request = new Request.Builder()
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

/** The four samples of one request, each making its own order number and key (see per-run.ts). */
export function allSnippets(spec: RequestSpec, operationId: string, title: string): Record<SnippetLanguage, string> {
  const run = perRun(spec);
  return {
    curl: curlSnippet(run),
    php: phpSnippet(run, title),
    java: javaSnippet(run, operationId, title),
    android: androidSnippet(run, operationId, title),
  };
}
