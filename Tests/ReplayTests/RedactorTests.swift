import Testing
@testable import Replay

/// Every secret kind is removed with its surroundings kept; ordinary log text is left alone.
struct RedactorTests {
    let redactor = Redactor.standard

    @Test func awsAccessKeyIdsAreRemoved() {
        #expect(redactor.redact("using credentials AKIAIOSFODNN7EXAMPLE for s3")
                == "using credentials [REDACTED:aws-access-key] for s3")
        #expect(redactor.redact("session ASIAY34FZKBOKMUTVV7A expires").contains("[REDACTED:aws-access-key]"))
    }

    @Test func awsSecretKeysAfterASecretNamedKeyAreRemoved() {
        let text = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY region=us-east-1"
        #expect(redactor.redact(text) == "aws_secret_access_key=[REDACTED:aws-secret-key] region=us-east-1")
        let json = #"{"AccessKeyId":"ASIAY34FZKBOKMUTVV7A","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}"#
        let out = redactor.redact(json)
        #expect(!out.contains("wJalrXUtnFEMI"))
        #expect(!out.contains("ASIAY34FZKBOKMUTVV7A"))
    }

    @Test func bearerTokensAreRemovedAndTheSchemeKept() {
        #expect(redactor.redact("Authorization: Bearer 8f3a1c9e2b7d4f60a5e1c3b9d7f2a4e6")
                == "Authorization: Bearer [REDACTED:bearer-token]")
    }

    @Test func basicAuthHeadersAreRemoved() {
        #expect(redactor.redact("authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l")
                == "authorization: Basic [REDACTED:basic-auth]")
    }

    @Test func jwtsAreRemovedWherever() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        #expect(redactor.redact("token accepted: \(jwt) for user 42") == "token accepted: [REDACTED:jwt] for user 42")
        #expect(redactor.redact("Authorization: Bearer \(jwt)") == "Authorization: Bearer [REDACTED:jwt]")
    }

    @Test func passwordsInUrlsAreRemovedAndUserAndHostKept() {
        #expect(redactor.redact("connecting to postgres://app:hunter2@db.internal:5432/exchange")
                == "connecting to postgres://app:[REDACTED:url-password]@db.internal:5432/exchange")
        #expect(redactor.redact("redis://:s3cr3t@cache:6379/0") == "redis://:[REDACTED:url-password]@cache:6379/0")
        #expect(redactor.redact("GET https://exchange.example.com:443/health 200") == "GET https://exchange.example.com:443/health 200")
    }

    @Test func passwordsInAdoConnectionStringsAreRemoved() {
        #expect(redactor.redact("Server=db;Database=app;User Id=sa;Password=P@ssw0rd!;Encrypt=true")
                == "Server=db;Database=app;User Id=sa;Password=[REDACTED:password];Encrypt=true")
    }

    @Test func secretFieldsAreRemovedInKeyValueColonAndJsonForms() {
        #expect(redactor.redact("login user=bob password=hunter2 ok") == "login user=bob password=[REDACTED:password] ok")
        #expect(redactor.redact("db_passwd: hunter2") == "db_passwd: [REDACTED:password]")
        #expect(redactor.redact("pwd=hunter2") == "pwd=[REDACTED:password]")
        #expect(redactor.redact(#"{"user":"bob","password":"hunter2","ok":true}"#)
                == #"{"user":"bob","password":"[REDACTED:password]","ok":true}"#)
        #expect(redactor.redact(#"{"client_secret": "abc123def", "api_key":"k-1"}"#)
                == #"{"client_secret": "[REDACTED:secret]", "api_key":"[REDACTED:secret]"}"#)
        #expect(redactor.redact("GET /cb?access_token=abc.def&state=1") == "GET /cb?access_token=[REDACTED:secret]&state=1")
        #expect(redactor.redact("apikey=12345abcde secret: shh token='t0k3n'")
                == "apikey=[REDACTED:secret] secret: [REDACTED:secret] token='[REDACTED:secret]'")
    }

    @Test func secretFieldsInsideAnEscapedJsonMessageAreRemoved() {
        let line = #"{"level":"INFO","fields":{"message":"config {\"db_password\":\"hunter2\",\"pool\":20}"}}"#
        #expect(redactor.redact(line) == #"{"level":"INFO","fields":{"message":"config {\"db_password\":\"[REDACTED:password]\",\"pool\":20}"}}"#)
    }

    @Test func githubStripeAndSlackTokensAreRemoved() {
        #expect(redactor.redact("GITHUB_TOKEN ghp_16C7e42F292c6912E7710c838347Ae178B4a used")
                == "GITHUB_TOKEN [REDACTED:github-token] used")
        #expect(redactor.redact("pat github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP")
                == "pat [REDACTED:github-token]")
        #expect(redactor.redact("charging with sk_live_4eC39HqLyjWDarjtT1zdp7dc") == "charging with [REDACTED:stripe-key]")
        #expect(redactor.redact("test key sk_test_4eC39HqLyjWDarjtT1zdp7dc").contains("[REDACTED:stripe-key]"))
        #expect(redactor.redact("rk_live_51H8abcdefghijkLMNOP pk_live_51H8abcdefghijkLMNOP")
                == "[REDACTED:stripe-key] [REDACTED:stripe-key]")
        #expect(redactor.redact("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx posted")
                == "slack [REDACTED:slack-token] posted")
    }

    @Test func privateKeyBlocksAreRemovedWholeEvenWhenTruncated() {
        let block = "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c2\nabcdef==\n-----END RSA PRIVATE KEY----- loaded"
        #expect(redactor.redact(block) == "key: [REDACTED:private-key] loaded")
        #expect(redactor.redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC") == "[REDACTED:private-key]")
        #expect(redactor.redact("-----BEGIN OPENSSH PRIVATE KEY-----b3BlbnNzaC1rZXk=-----END OPENSSH PRIVATE KEY-----")
                == "[REDACTED:private-key]")
    }

    @Test(arguments: [
        "request 5f0c6b8e-3a2d-4c1b-9e7f-0a1b2c3d4e5f completed in 41 ms",
        "task 4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c started",
        "deployed commit da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "2026-03-22T12:53:04.123Z INFO password reset email sent to user 42",
        "token bucket refilled: 20 tokens",
        "Bearer authentication required",
        #"{"timestamp":"2026-03-22T12:53:04Z","level":"INFO","fields":{"message":"starting merxex-exchange","version":"0.1.0","environment":"development"}}"#,
        #"{"fields":{"message":"db pool","size":20,"idle":0,"waiting":37},"token_type":"Bearer","password_reset_sent":"yes"}"#,
        "thread 'tokio-runtime-worker' panicked at src/db/pool.rs:88:14:",
        "arn:aws:ecs:us-east-1:123456789012:task/prod/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c",
        "GET https://exchange.example.com/health status=200 latency_ms=41",
        "",
    ])
    func ordinaryTextIsLeftAlone(_ text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test func everyKindInTheTableIsNamed() {
        #expect(redactor.kinds == ["private-key", "jwt", "aws-secret-key", "aws-access-key", "github-token", "stripe-key",
                                   "slack-token", "url-password", "basic-auth", "bearer-token", "password", "secret"])
    }

    /// Ordinary lines come out as they went in, however many (speed is `bench/run.sh`'s to measure),
    /// and a secret among them is still found.
    @Test func tenThousandOrdinaryLinesComeOutUnchangedAndASecretAmongThemDoesNot() {
        let lines = (0..<10_000).map { #"{"level":"INFO","fields":{"message":"request \#($0) served","latency_ms":12}}"# }
        #expect(lines.filter { redactor.redact($0) != $0 }.isEmpty)
        let secret = #"{"level":"INFO","fields":{"message":"connecting","url":"postgres://app:hunter2@db:5432/x"}}"#
        #expect(!redactor.redact(secret).contains("hunter2"))
    }
}
