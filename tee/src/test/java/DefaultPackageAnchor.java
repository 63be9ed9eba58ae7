/** A class of the default package, for measuring a bundle rooted at the classes directory. */
public final class DefaultPackageAnchor {
  private DefaultPackageAnchor() {}
}
