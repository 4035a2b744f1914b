/** Sound as samples: what the synthesizer makes and the encoders take, shared without either depending on the other. */
package app.earshot.sound;
