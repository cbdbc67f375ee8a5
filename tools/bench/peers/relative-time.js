// GitHub's <relative-time>, the model for dropkit's shared ticker, with its dependencies.
import '@github/relative-time-element';
