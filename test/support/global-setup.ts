import { ensureDatabase } from "../../packages/db/src/migrations";
import { TEST_DATABASE_URL } from "./test-env";

/** Creates the test database once; each suite then works in a schema of its own. */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
}
