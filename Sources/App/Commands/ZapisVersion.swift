/// The version `zapis --version` prints and the package is named after.
public enum ZapisVersion {
    /// Semantic version of this source tree.
    public static let string = "0.8.0"
}
