// Copies the SVG icons next to the compiled nodes and credentials, keeping their folders.
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', allowEmpty: true }).pipe(dest('dist')),
);
