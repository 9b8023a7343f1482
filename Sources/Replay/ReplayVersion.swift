public enum ReplayVersion { public static let string = "0.1.0" }
