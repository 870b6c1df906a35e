import { create } from '@bufbuild/protobuf';
import { RecordUsageRequestSchema, CreateTenantRequestSchema } from '@cascade/contracts';
import { checkRequestText } from './input-check';

describe('checkRequestText', () => {
  it('passes ordinary text, names the field that holds NUL or a lone surrogate', () => {
    expect(() =>
      checkRequestText(
        CreateTenantRequestSchema,
        create(CreateTenantRequestSchema, { name: 'Acme ☁️ Cloud' }),
      ),
    ).not.toThrow();
    expect(() =>
      checkRequestText(
        CreateTenantRequestSchema,
        create(CreateTenantRequestSchema, { name: 'a\u0000b' }),
      ),
    ).toThrow('name: must not contain NUL characters or unpaired surrogates');
    const events = [{ id: 'ok' }, { id: 'x', properties: { k: '\ud800' } }];
    expect(() =>
      checkRequestText(RecordUsageRequestSchema, create(RecordUsageRequestSchema, { events })),
    ).toThrow('events[1].properties["k"]: must not contain NUL characters or unpaired surrogates');
  });
});
