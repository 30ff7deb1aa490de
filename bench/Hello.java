/** The hello-world JVM that bench/run.sh compares {@code ciliac check} of one small file with. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
