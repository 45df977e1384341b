/* Upward: small enhancements that keep every answer in the reader's own browser. */
