/** Stand-in for the theme's language loader: the mock code block does not highlight. */
export default function prismIncludeLanguages(): void {}
