// GraphQL Code Generator config: reads the public schema and the
// documents in src/, writes a typed graphql() function to src/gql/.
// Refresh with `npm run codegen` after `go run . schema > schema.graphql`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  // Node runs the compiled output as ES modules: imports need ".js".
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Every custom scalar of accountgraph travels as a JSON string.
        scalars: {
          DateTime: 'string',
          Decimal: 'string',
          URL: 'string',
          UnsignedInt64: 'string',
        },
        strictScalars: true,
        enumsAsTypes: true,
        // Only the types the documents use, not the whole schema.
        onlyOperationTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
