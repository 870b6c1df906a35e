import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const transport = [
  '@nestjs/*',
  '@mikro-orm/*',
  '@connectrpc/*',
  '@grpc/*',
  '@bufbuild/*',
  'amqplib',
  'pg',
  'pg-copy-streams',
  'better-sqlite3',
];

export default [
  { ignores: ['**/node_modules', '**/dist', 'data', '.nx', 'libs/contracts/src/gen/**'] },
  ...tseslint.configs.recommended,
  prettier,
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            // Domain code is pure: no framework, ORM, transport or generated contracts.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: transport,
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            // Metrics, logs and traces know nothing of Cascade; platform wires them in.
            { sourceTag: 'type:observability', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:observability'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:domain',
                'type:infra',
                'type:observability',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:domain',
                'type:infra',
                'type:observability',
              ],
            },
            // A service's domain is its own: metering code never reaches into rating's.
            {
              sourceTag: 'scope:metering',
              onlyDependOnLibsWithTags: ['scope:metering', 'scope:shared'],
            },
            {
              sourceTag: 'scope:rating',
              onlyDependOnLibsWithTags: ['scope:rating', 'scope:shared'],
            },
            {
              sourceTag: 'scope:invoicing',
              onlyDependOnLibsWithTags: ['scope:invoicing', 'scope:shared'],
            },
          ],
        },
      ],
    },
  },
];
