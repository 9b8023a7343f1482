/// The secret kinds `Redactor.standard` removes, as data.
///
/// | kind | what it looks like | kept |
/// | --- | --- | --- |
/// | `private-key` | `-----BEGIN RSA PRIVATE KEY-----` … `-----END RSA PRIVATE KEY-----` (or to the end of the text) | nothing |
/// | `jwt` | `eyJhbGciOi….eyJzdWIiOi….sig` | nothing |
/// | `aws-secret-key` | 40 base64 characters after `aws_secret_access_key=`, `SecretAccessKey":"`, … | the key name |
/// | `aws-access-key` | `AKIA`/`ASIA`/`AROA`/… followed by 16 upper-case letters or digits | nothing |
/// | `github-token` | `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 characters, `github_pat_…` | nothing |
/// | `stripe-key` | `sk_live_…`, `rk_live_…`, `pk_live_…`, `sk_test_…` | nothing |
/// | `slack-token` | `xoxb-…`, `xoxa-…`, `xoxp-…`, `xoxo-…`, `xoxr-…`, `xoxs-…` | nothing |
/// | `url-password` | `scheme://user:PASSWORD@host` | scheme, user, host |
/// | `basic-auth` | `Authorization: Basic dXNlcjpwYXNz` | the header name |
/// | `bearer-token` | `Bearer <16+ token characters>` | the word `Bearer` |
/// | `password` | a field named `…password`, `…passwd`, `…pwd` in `k=v`, `k: v`, `"k":"v"` (also JSON escaped inside a string), e.g. ADO `Password=…;` | the field name |
/// | `secret` | a field named `…secret`, `…token`, `…api_key`, `…apikey`, `…access_key`, `…private_key`, `…credentials` in the same forms | the field name |
///
/// Field names must *end* with the secret word, so `password_reset_sent` or
/// `token_type` keep their values, and plain prose ("password reset email sent")
/// has no `=`/`:` after the word and is left alone.
extension Redactor {
    /// Lower-case words that name a password field (a field name must end with one, optional plural `s`).
    static let passwordWords = #"(?:password|passwd|pwd)s?"#
    /// Lower-case words that name another secret field.
    static let secretWords = #"(?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?key|credentials?)s?"#

    /// The three field forms (`"k":"v"`, `\"k\":\"v\"` inside a JSON string, `k=v` / `k: v`) for one family of names.
    static func fieldPatterns(kind: String, words: String, hints: [String]) -> [Pattern] {
        let name = #"[A-Za-z0-9_.-]*"# + words
        return [
            Pattern(kind: kind, hints: hints,
                    regex: #"(?i)("\#(name)"\s*:\s*")(?!\[REDACTED)(?:[^"\\]|\\.)+(")"#,
                    replacement: "$1{marker}$2"),
            Pattern(kind: kind, hints: hints,
                    regex: #"(?i)(\\"\#(name)\\"\s*:\s*\\")(?!\[REDACTED)(?:[^"\\]|\\[^"])+(\\")"#,
                    replacement: "$1{marker}$2"),
            Pattern(kind: kind, hints: hints,
                    regex: #"(?i)(?<![A-Za-z0-9_.-])(\#(name)\s*[=:]\s*)(["']?)(?!\[REDACTED)[^\s"'&,;]+"#,
                    replacement: "$1$2{marker}"),
        ]
    }

    /// The standard table, in the order it runs: specific shapes first, generic fields last.
    public static let standardPatterns: [Pattern] = [
        Pattern(kind: "private-key", hints: ["private key-----"],
                regex: #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)"#),
        Pattern(kind: "jwt", hints: ["eyj"],
                regex: #"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"#),
        Pattern(kind: "aws-secret-key", hints: ["secret"],
                regex: #"(?i)((?:aws_?)?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"#,
                replacement: "$1{marker}"),
        Pattern(kind: "aws-access-key", hints: ["akia", "asia", "aroa", "aida", "agpa", "anpa", "anva", "apka", "abia", "acca"],
                regex: #"\b(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{16}\b"#),
        Pattern(kind: "github-token", hints: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
                regex: #"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b"#),
        Pattern(kind: "stripe-key", hints: ["_live_", "_test_"],
                regex: #"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}\b"#),
        Pattern(kind: "slack-token", hints: ["xox"],
                regex: #"\bxox[abposr]-[A-Za-z0-9-]{10,}"#),
        Pattern(kind: "url-password", hints: ["://"],
                regex: #"\b([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@"']*:)(?!\[REDACTED)[^@\s/"']+(@)"#,
                replacement: "$1{marker}$2"),
        Pattern(kind: "basic-auth", hints: ["basic"],
                regex: #"(?i)(authorization["']?\s*[:=]\s*["']?basic\s+)[A-Za-z0-9+/]{8,}={0,2}"#,
                replacement: "$1{marker}"),
        Pattern(kind: "bearer-token", hints: ["bearer"],
                regex: #"(?i)(\bbearer\s+)(?!\[REDACTED)[A-Za-z0-9._~+/-]{16,}=*"#,
                replacement: "$1{marker}"),
    ]
    + fieldPatterns(kind: "password", words: passwordWords, hints: ["pass", "pwd"])
    + fieldPatterns(kind: "secret", words: secretWords, hints: ["secret", "token", "key", "credential"])
}
