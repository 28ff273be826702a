/**
 * Throw-away IndexedDB databases (fake-indexeddb) for the renderer's storage tests: each under a
 * name of its own, deleted after the test that opened it.
 */
import { LesionTrackDatabase } from '../../../renderer/src/db/database'
import { SCHEMA_VERSIONS, type SchemaVersion } from '../../../renderer/src/db/schema'

let opened: LesionTrackDatabase[] = []
let counter = 0

/** A name no other database of this test file uses. */
export function newDatabaseName(): string {
  return `test-${++counter}`
}

/**
 * A database declaring `versions` (default: all), registered for deletion. To test a migration,
 * write with an older set of versions under `name`, close it, then open the newest here.
 */
export function freshDatabase(
  versions: SchemaVersion[] = SCHEMA_VERSIONS,
  name: string = newDatabaseName(),
): LesionTrackDatabase {
  const db = new LesionTrackDatabase(name, versions)
  opened.push(db)
  return db
}

/** Deletes every database freshDatabase opened; run after each test. */
export async function deleteOpenedDatabases(): Promise<void> {
  for (const db of opened) await db.delete()
  opened = []
}
