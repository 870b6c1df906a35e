// Runs in every test file's own realm before its tests (jest.config.js setupFiles).
import { adoptSqliteErrors } from './sqlite-error-realm';

adoptSqliteErrors();
