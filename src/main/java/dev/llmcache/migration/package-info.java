/**
 * Import of the Rust tool's legacy JSON caches: {@code POST /api/v1/migrations} and the offline
 * {@code migrate} command ({@link dev.llmcache.migration.MigrationService}, {@link
 * dev.llmcache.migration.MigrateCommand}). A {@link dev.llmcache.migration.MigrationRunner} streams the
 * files, parses and compresses batches on a worker pool ({@link dev.llmcache.migration.EntryPreparer})
 * and stores them in order, one short transaction per batch ({@link dev.llmcache.migration.BatchImporter});
 * {@link dev.llmcache.migration.MigrationJobs} records every migration in the {@code migrations} table.
 *
 * <p>The read side, in the order a migration uses it:
 * <ol>
 *   <li>{@link dev.llmcache.migration.AllowedRoots#check} turns the requested source into a real path
 *       inside {@code cache.migration.allowed-roots} (403 outside, 400 when absent or not a directory), and
 *       {@link dev.llmcache.migration.AllowedRoots#anchorOf} names the root below which every later step
 *       opens directories and files by file descriptor, without following links
 *       ({@link dev.llmcache.migration.SafeDirectory});</li>
 *   <li>{@link dev.llmcache.migration.SourceBackup#backup} copies it first when a backup is asked for;</li>
 *   <li>{@link dev.llmcache.migration.LegacySource#resolve} recognises the layout (AUTO, CENTRALIZED,
 *       LOCAL) and lists the repositories, or throws {@link dev.llmcache.migration.LegacyLayoutException}
 *       (400);</li>
 *   <li>{@link dev.llmcache.migration.LegacyScanner#count} gives the progress total and
 *       {@link dev.llmcache.migration.LegacyScanner#scan} streams the candidate files lazily, with the
 *       bytes it read through the directory it opened;</li>
 *   <li>{@link dev.llmcache.migration.LegacyEntryParser#parse} turns each into a
 *       {@link dev.llmcache.migration.LegacyEntry} to store or a {@link dev.llmcache.migration.LegacyFailure}
 *       to report;</li>
 *   <li>{@link dev.llmcache.migration.ProgressRenderer} and {@link dev.llmcache.migration.SummaryPrinter}
 *       draw the offline command's progress and summary.</li>
 * </ol>
 *
 * <p>Where the contract is silent: AUTO refuses a directory that is neither layout, or both, with a
 * message naming what it expected; only {@code <8-hex>} directories of a centralized source are read
 * (anything else beside them is ignored, as are files other than {@code *.json} and special files); a
 * symbolic link in a cache directory is a failure that names the link, never its target; a {@code *.json} lying directly in {@code cache/} is a failure, as is every file under a type
 * directory whose name is not a valid cache type; a JSON null in an optional field means absent; the
 * directory's cache type wins over the file's {@code cache_type}; an empty provider becomes
 * {@code unknown} and an empty or missing {@code file_path} becomes the file's path below its type
 * directory without {@code .json}.
 */
package dev.llmcache.migration;
