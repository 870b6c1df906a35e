import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

export interface ApiKeyRow {
  id: string;
  tenantId: string;
  role: string;
  name: string;
  /** sha256 of the secret, hex: the secret itself is never stored. */
  secretHash: string;
  /** A key id, or "operator". */
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const ApiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: 'ApiKeyRow',
  tableName: 'api_key',
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string', fieldName: 'tenant_id' },
    role: { type: 'string' },
    name: { type: 'string' },
    secretHash: { type: 'string', fieldName: 'secret_hash' },
    createdBy: { type: 'string', fieldName: 'created_by' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
    revokedAt: { type: InstantType, fieldName: 'revoked_at', nullable: true },
  },
});
