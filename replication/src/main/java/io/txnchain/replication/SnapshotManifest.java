package io.txnchain.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The list of files in one snapshot, with their sizes, written last into the snapshot's directory.
 * Its presence marks the snapshot complete; its file list tells the applier's files apart from the
 * {@code .md5} companions Ratis writes next to every file it receives.
 *
 * @param term the term of the last entry the snapshot covers
 * @param index the index of the last entry the snapshot covers
 * @param files the snapshot's files, relative to the snapshot directory, with {@code /} separators
 */
record SnapshotManifest(long term, long index, List<FileEntry> files) {
  static final String FILE_NAME = "MANIFEST";
  private static final String HEADER = "txnchain-snapshot-manifest 1";

  /** One file of a snapshot. */
  record FileEntry(String path, long size) {}

  SnapshotManifest {
    files = List.copyOf(files);
  }

  /** Lists every regular file under {@code stateDir}, which lies inside {@code snapshotDir}. */
  static SnapshotManifest describe(long term, long index, Path snapshotDir, Path stateDir)
      throws IOException {
    List<FileEntry> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(stateDir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.add(new FileEntry(relative(snapshotDir, file), Files.size(file)));
      }
    }
    return new SnapshotManifest(term, index, files);
  }

  /** Reads the manifest of {@code snapshotDir}, or fails if it is missing or malformed. */
  static SnapshotManifest read(Path snapshotDir) throws IOException {
    List<String> lines = Files.readAllLines(snapshotDir.resolve(FILE_NAME), StandardCharsets.UTF_8);
    if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
      throw new IOException("not a snapshot manifest: " + snapshotDir.resolve(FILE_NAME));
    }
    try {
      long term = Long.parseLong(value(lines.get(1), "term"));
      long index = Long.parseLong(value(lines.get(2), "index"));
      List<FileEntry> files = new ArrayList<>();
      for (String line : lines.subList(3, lines.size())) {
        String[] parts = line.split(" ", 3);
        if (parts.length != 3 || !parts[0].equals("file")) {
          throw new IOException("bad manifest line in " + snapshotDir + ": " + line);
        }
        files.add(new FileEntry(parts[2], Long.parseLong(parts[1])));
      }
      return new SnapshotManifest(term, index, files);
    } catch (NumberFormatException e) {
      throw new IOException("bad number in manifest of " + snapshotDir, e);
    }
  }

  /** Writes and syncs the manifest into {@code snapshotDir}. */
  void write(Path snapshotDir) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("term ").append(term).append('\n');
    text.append("index ").append(index).append('\n');
    for (FileEntry file : files) {
      text.append("file ").append(file.size()).append(' ').append(file.path()).append('\n');
    }
    try (FileChannel out =
        FileChannel.open(
            snapshotDir.resolve(FILE_NAME),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
  }

  /** Fails unless every listed file exists in {@code snapshotDir} with its listed size. */
  void verify(Path snapshotDir) throws IOException {
    for (FileEntry file : files) {
      Path path = snapshotDir.resolve(file.path());
      if (!Files.isRegularFile(path) || Files.size(path) != file.size()) {
        throw new IOException("snapshot file missing or truncated: " + path);
      }
    }
  }

  /** The absolute paths of the listed files and of the manifest itself, manifest last. */
  List<Path> paths(Path snapshotDir) {
    List<Path> paths = new ArrayList<>();
    for (FileEntry file : files) {
      paths.add(snapshotDir.resolve(file.path()));
    }
    paths.add(snapshotDir.resolve(FILE_NAME));
    return paths;
  }

  static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static String value(String line, String key) throws IOException {
    if (!line.startsWith(key + " ")) {
      throw new IOException("manifest line should start with " + key + ": " + line);
    }
    return line.substring(key.length() + 1);
  }
}
