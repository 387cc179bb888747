// The `shuzhi` command line, in the user's language (SHUZHI_LOCALE: zh-CN by default, or en).
// Thin: each group of commands lives in its own module; here the program is built, its help
// and Commander's own messages are put in the user's words, and every failure becomes words.
import { Command } from 'commander';
import { version } from '../package.json';
import { addApproveCommand } from './approve-cli';
import { registerChangeCommands } from './changes-cli';
import { addDoctorCommand } from './doctor-cli';
import { registerLoginCommands } from './cli-login';
import { registerMeetingCommands } from './meeting-cli';
import { registerRectificationCommands } from './rectification-cli';
import { msg } from './cli-context';
import { explain, translateCommanderError } from './cli-errors';
import { registerRecordCommands } from './record-cli';
import { addReportCheckCommand } from './report-check-command';
import { registerReportCommands } from './report-cli';
import { registerSeasonCommands } from './season-cli';

// Set before any command is added: subcommands inherit the help, output and error settings.
const program = new Command()
  .name('shuzhi')
  .description(msg.help.program)
  .version(version, '-v, --version', msg.help.version)
  .helpOption('-h, --help', msg.help.helpOption)
  .helpCommand('help [command]', msg.help.helpCommand)
  .showHelpAfterError(msg.help.seeHelp)
  .configureHelp({ styleTitle: (title) => msg.help.titles[title] ?? title })
  .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) })
  .addHelpText('after', msg.help.footer);

const season = program.command('season').description(msg.help.season);
registerSeasonCommands(season);
addApproveCommand(season);
registerChangeCommands(season);

// The older spelling `shuzhi approve <season>` still works; help shows `season approve`.
addApproveCommand(program, 'approve', { hidden: true });

const report = program.command('report').description(msg.help.report);
registerReportCommands(report);
addReportCheckCommand(report);

registerMeetingCommands(program);
registerRectificationCommands(program);
registerRecordCommands(program);
registerLoginCommands(program);
addDoctorCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(explain(error));
  process.exit(1);
});
